// What to tell an author whose quote is not found exactly once: the passage
// it nearly matches (the same words, other quotation marks, dashes,
// apostrophes, ellipses or spacing), or where an ambiguous one occurs and how
// it could be lengthened to be unique. Built only when a quote fails, once per
// text.
import { runToEnd, type SteppedWork } from "./event-loop-share.js";

/** Characters an author's keyboard often gives instead of the text's, and the one form each folds to. */
const foldedForms: [characters: string, form: string][] = [
  ["`\u00b4\u2018\u2019\u201a\u201b\u2032", "'"],
  ["\u00ab\u00bb\u201c\u201d\u201e\u201f\u2033", '"'],
  ["\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"],
  ["\u2026", "..."],
];
const formOf = new Map(foldedForms.flatMap(([characters, form]) => [...characters].map((c) => [c, form] as const)));

/**
 * What folds: runs of whitespace, whitespace other than a space, and those
 * characters. Found by one native scan, as a 2 MB text's character-by-character
 * walk takes some tens of milliseconds.
 */
const foldable = new RegExp(`\\s{2,}|[^\\S ]|[${[...formOf.keys()].join("")}]`, "g");

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

interface Folded {
  text: string;
  /** Where a folded UTF-16 position came from in the original (a folded run's first character). */
  originOf(folded: number): number;
}

/**
 * The text with those characters folded and every run of whitespace one
 * space, as stepped work: a text of a million line breaks is a million
 * replacements, some hundreds of milliseconds.
 */
function* folding(text: string): SteppedWork<Folded> {
  // Each replacement's start in the folded text and in the original, and both lengths, in order.
  const replaced: { folded: number; original: number; foldedLength: number; originalLength: number }[] = [];
  const parts: string[] = [];
  const chunks: string[] = [];
  let shift = 0;
  let plainFrom = 0;
  const matcher = new RegExp(foldable);
  for (let match = matcher.exec(text); match; match = matcher.exec(text)) {
    const replacement = isSpace(match[0]) ? " " : (formOf.get(match[0]) ?? match[0]);
    parts.push(text.slice(plainFrom, match.index), replacement);
    plainFrom = match.index + match[0].length;
    replaced.push({
      folded: match.index + shift,
      original: match.index,
      foldedLength: replacement.length,
      originalLength: match[0].length,
    });
    shift += replacement.length - match[0].length;
    if (replaced.length % 1_000 === 0) {
      // Joined a step at a time: one join of millions of parts would hold the loop for tens of milliseconds.
      chunks.push(parts.join(""));
      parts.length = 0;
      yield;
    }
  }
  parts.push(text.slice(plainFrom));
  chunks.push(parts.join(""));
  const originOf = (at: number) => {
    let low = 0;
    let high = replaced.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((replaced[middle]?.folded ?? 0) <= at) low = middle + 1;
      else high = middle;
    }
    const last = replaced[low - 1];
    if (!last) return at;
    if (at < last.folded + last.foldedLength) return last.original;
    return last.original + last.originalLength + (at - last.folded - last.foldedLength);
  };
  return { text: chunks.join(""), originOf };
}

const fold = (text: string) => runToEnd(folding(text));

/** Where `needle` occurs in `haystack`, at most `limit` times, and whether there are more. */
function occurrences(haystack: string, needle: string, limit: number): { at: number[]; more: boolean } {
  const at: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    if (at.length === limit) return { at, more: true };
    at.push(i);
  }
  return { at, more: false };
}

const shown = (characters: string) => (isSpace(characters[0]) ? JSON.stringify(characters) : characters);

/** What a folded position stands for in the original: one character, or a run of whitespace. */
function unit(folded: Folded & { original: string }, at: number): string {
  const from = folded.originOf(at);
  let to = from + 1;
  if (isSpace(folded.original[from])) while (isSpace(folded.original[to])) to++;
  return folded.original.slice(from, to);
}

/** The characters that differ, as "the text has X where the quote has Y", once each. */
function differences(quote: Folded & { original: string }, passage: Folded & { original: string }): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < quote.text.length; i++) {
    const mine = unit(quote, i);
    const theirs = unit(passage, i);
    if (mine !== theirs) seen.add(`${shown(theirs)} where the quote has ${shown(mine)}`);
  }
  return [...seen];
}

export interface QuoteHints {
  /**
   * The hint for a quote not found verbatim, or undefined when nothing nearly
   * matches. Stepped work: the first one folds the whole text.
   */
  nearMiss(quote: string): SteppedWork<string | undefined>;
  /** Where a quote found more than once occurs, each with a unique lengthening: a step per place. */
  ambiguity(quote: string): SteppedWork<string>;
}

/**
 * @param toCodePoint a UTF-16 index's offset in code points (positions are named as the API gives them).
 */
export function createQuoteHints(text: string, toCodePoint: (utf16Index: number) => number): QuoteHints {
  let foldedText: Folded | undefined;
  const position = (from: number, to: number) => `characters ${toCodePoint(from)}–${toCodePoint(to)}`;
  return {
    *nearMiss(quote) {
      foldedText ??= yield* folding(text);
      const folded = { ...fold(quote), original: quote };
      if (folded.text.trim() === "") return undefined;
      const found = occurrences(foldedText.text, folded.text, 3);
      const [first] = found.at;
      if (first === undefined) return undefined;
      const from = foldedText.originOf(first);
      const to = foldedText.originOf(first + folded.text.length);
      const passage = text.slice(from, to);
      if (found.at.length > 1) {
        return `Nearly matches ${found.more ? "more than 3" : found.at.length} passages (other quotation marks, dashes, apostrophes or spacing), the first at ${position(from, to)}: "${passage}"`;
      }
      const changes = differences(folded, { ...fold(passage), original: passage });
      return `Nearly matches the passage at ${position(from, to)}: "${passage}"; the text has ${changes.join(", ")}.`;
    },
    *ambiguity(quote) {
      const found = occurrences(text, quote, 3);
      const places: string[] = [];
      for (const at of found.at) {
        const unique = uniquePassage(text, at, at + quote.length);
        places.push(`${position(at, at + quote.length)}${unique ? ` (unique as "${unique}")` : ""}`);
        yield;
      }
      return `Occurs at ${places.join(", ")}${found.more ? ", and more" : ""}: quote one of those passages to cite that place.`;
    },
  };
}

/**
 * The passage `text.slice(start, end)` lengthened a word at a time, after and
 * then before, until it occurs once in the text; undefined when it occurs
 * more than 100 times, or when even `maxLength` characters are not unique. An
 * occurrence of the lengthened passage holds one of the original's, so only
 * those are compared.
 */
export function uniquePassage(text: string, start: number, end: number, maxLength = 400): string | undefined {
  const quote = text.slice(start, end);
  const found = occurrences(text, quote, 100);
  if (found.more) return undefined;
  const others = found.at.filter((at) => at !== start);
  let from = start;
  let to = end;
  const isUnique = () => {
    const passage = text.slice(from, to);
    return others.every((at) => text.slice(at - (start - from), at + (to - start)) !== passage || at < start - from);
  };
  let after = true;
  while (!isUnique()) {
    if (to - from > maxLength || (from === 0 && to === text.length)) return undefined;
    if ((after && to < text.length) || from === 0) to = nextWordEnd(text, to);
    else from = previousWordStart(text, from);
    after = !after;
  }
  return text.slice(from, to);
}

const nextWordEnd = (text: string, at: number) => {
  let i = at;
  while (i < text.length && isSpace(text[i])) i++;
  while (i < text.length && !isSpace(text[i])) i++;
  return i;
};

const previousWordStart = (text: string, at: number) => {
  let i = at;
  while (i > 0 && isSpace(text[i - 1])) i--;
  while (i > 0 && !isSpace(text[i - 1])) i--;
  return i;
};
