import { test } from "node:test";
import assert from "node:assert/strict";
import { formatTable } from "../src/format.js";

test("adds a total row", () => {
  const t = { lines: 1, words: 2, characters: 10 };
  const table = formatTable([["a.txt", t]], t);
  assert.match(table, /total$/);
  assert.equal(table.split("\n").length, 2);
});
