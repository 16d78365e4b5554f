/** Counts for one text: words are runs of non-whitespace characters. */
export interface Tally {
  lines: number;
  words: number;
  characters: number;
}

export function tally(text: string): Tally {
  const lines = text.length === 0 ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  const words = text.split(/\s+/).filter((word) => word.length > 0).length;
  return { lines, words, characters: [...text].length };
}

export function add(a: Tally, b: Tally): Tally {
  return { lines: a.lines + b.lines, words: a.words + b.words, characters: a.characters + b.characters };
}
