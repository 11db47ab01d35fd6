// What search compares: a text's words, each in three forms. The plain form
// (what completions and typos are measured on: what was typed against what
// was written) is lower case, without diacritics, in the spelling
// seed/spellings.json gives it and in American spelling (criticised,
// criticized). The surface form (what phrases are matched on) is the plain
// form transliteration-folded as drafting folds names (Zelensky, Zelenskyy,
// Zelenskiy; Kyiv, Kiev). The key (what the index holds) is the plain form's
// English stem, folded the same way, so "talks" finds "talk". The same code
// folds what is indexed and what is typed, on either database.
import { readFileSync } from "node:fs";
import { stemmer } from "stemmer";
import { foldWord } from "../drafting/name-matching.js";
import { projectFile } from "../project-files.js";

export interface Word {
  plain: string;
  surface: string;
  key: string;
  /** A number ("66.5", "2025"): never stemmed, never matched with a typo. */
  numeric: boolean;
  /** A function word: in phrases and snippets, not in the index. */
  stop: boolean;
  start: number;
  end: number;
}

/** An initialism with dots (U.S.), a number with its decimals (66.5), or a run of letters and digits. */
const wordPattern = /\p{Lu}(?:\.\p{Lu})+\.?|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+/gu;

/**
 * Words too common to find anything by. Not "us" (the United States), "may"
 * (the month) or "no".
 */
const stopWords = new Set(
  "a an and are as at be been but by for from had has have he her his i if in into is it its of on or our s she so such t than that the their them then there these they this those to was were which while who with".split(
    " ",
  ),
);

const spellings: Map<string, string> = new Map(
  (JSON.parse(readFileSync(projectFile("seed/spellings.json"), "utf8")) as { spellings: string[][] }).spellings.flatMap(
    ([canonical = "", ...others]) => others.map((other) => [other, canonical] as const),
  ),
);

/** British endings as American ones: criticised and criticized, defence and defense, favour and favor. */
const americanEndings: [RegExp, string][] = [
  [/(\p{L}{3})is(e|ed|es|ing|ation|ations)$/u, "$1iz$2"],
  [/(\p{L}{3})our(s|ed|ing)?$/u, "$1or$2"],
  [/(\p{L}{3})ence$/u, "$1ense"],
];

function plain(word: string): string {
  const lower = word.normalize("NFD").replace(/\p{M}/gu, "").replace(/\./g, "").toLowerCase();
  return spellings.get(lower) ?? lower;
}

function american(word: string): string {
  for (const [ending, replacement] of americanEndings) if (ending.test(word)) return word.replace(ending, replacement);
  return word;
}

type Forms = Omit<Word, "start" | "end">;

function formsOf(text: string): Forms | undefined {
  const lower = plain(text);
  if (lower === "") return undefined;
  const numeric = /^\p{N}/u.test(lower);
  if (numeric) {
    const number = lower.replace(/,/g, "");
    return { plain: number, surface: number, key: number, numeric, stop: false };
  }
  const spelled = american(lower);
  return {
    plain: spelled,
    surface: foldWord(spelled),
    key: foldWord(stemmer(spelled)),
    numeric,
    stop: stopWords.has(lower),
  };
}

// Folding and stemming were most of a search's time outside the database: the
// snippets of a page's hits go through every word of their texts, and texts
// share most of their words. A plain map, emptied when full, costs a fraction of an LRU's upkeep.
const known = new Map<string, Forms | null>();
const knownMax = 50_000;

/** One word's forms, or undefined for a word with no letters or digits. */
export function wordOf(text: string, start = 0): Word | undefined {
  let forms = known.get(text);
  if (forms === undefined) {
    if (known.size >= knownMax) known.clear();
    forms = formsOf(text) ?? null;
    known.set(text, forms);
  }
  if (forms === null) return undefined;
  const { plain, surface, key, numeric, stop } = forms;
  return { plain, surface, key, numeric, stop, start, end: start + text.length };
}

/** Every word of a text, in order, with its place in the text (UTF-16 offsets). */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(wordPattern)) {
    const word = wordOf(match[0], match.index);
    if (word) words.push(word);
  }
  return words;
}

/** A text as phrases are matched in it: its surface forms, one space apart, with a space at each end. */
export function phraseText(text: string): string {
  return ` ${wordsOf(text)
    .map((w) => w.surface)
    .join(" ")} `;
}
