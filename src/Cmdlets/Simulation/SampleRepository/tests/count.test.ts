import { test } from "node:test";
import assert from "node:assert/strict";
import { add, tally } from "../src/count.js";

test("counts lines, words and characters", () => {
  assert.deepEqual(tally("one two\nthree\n"), { lines: 2, words: 3, characters: 14 });
});

test("an empty text has no lines", () => {
  assert.deepEqual(tally(""), { lines: 0, words: 0, characters: 0 });
});

test("adds tallies", () => {
  assert.deepEqual(add({ lines: 1, words: 2, characters: 3 }, { lines: 1, words: 1, characters: 1 }), { lines: 2, words: 3, characters: 4 });
});
