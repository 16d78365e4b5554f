import { readFile } from "node:fs/promises";

/** Reads every file as UTF-8; a missing file is reported and skipped rather than stopping the run. */
export async function readAll(paths: string[]): Promise<Array<[string, string]>> {
  const results: Array<[string, string]> = [];
  for (const path of paths) {
    try {
      results.push([path, await readFile(path, "utf8")]);
    } catch {
      process.stderr.write(`wordtally: cannot read ${path}\n`);
    }
  }
  return results;
}
