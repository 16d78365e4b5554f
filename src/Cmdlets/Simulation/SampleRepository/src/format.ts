import type { Tally } from "./count.js";

/** Renders one row per file plus a total row, right-aligned like wc. */
export function formatTable(rows: Array<[string, Tally]>, total: Tally): string {
  const all: Array<[string, Tally]> = [...rows, ["total", total]];
  const width = Math.max(...all.map(([, t]) => String(t.characters).length), 5);
  const cell = (n: number) => String(n).padStart(width);
  return all.map(([name, t]) => `${cell(t.lines)} ${cell(t.words)} ${cell(t.characters)}  ${name}`).join("\n");
}
