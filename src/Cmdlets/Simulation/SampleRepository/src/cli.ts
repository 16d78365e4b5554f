#!/usr/bin/env node
import { add, tally, type Tally } from "./count.js";
import { readAll } from "./files.js";
import { formatTable } from "./format.js";

const paths = process.argv.slice(2);
if (paths.length === 0) {
  process.stderr.write("usage: wordtally FILE...\n");
  process.exit(2);
}

const rows: Array<[string, Tally]> = (await readAll(paths)).map(([path, text]) => [path, tally(text)]);
const total = rows.reduce((sum, [, t]) => add(sum, t), { lines: 0, words: 0, characters: 0 });
console.log(formatTable(rows, total));
