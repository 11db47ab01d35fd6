// A hit's snippet: the stretch of its title or body (whichever holds more of
// the query's words) of at most 24 words that holds the most of them, with
// each matched word marked. The marks are control characters, turned into
// <mark> once the text is escaped (highlightSnippet).
import { snippetMarks } from "../modules/search/full-text-query.js";
import { type Word, wordsOf } from "./words.js";

const windowWords = 24;

export function markedSnippet(title: string, body: string, keys: ReadonlySet<string>): string {
  const matches = (word: Word) => !word.stop && keys.has(word.key);
  const fields = [body, title].map((text) => ({ text, words: wordsOf(text) }));
  const best = fields.reduce((a, c) => (c.words.filter(matches).length > a.words.filter(matches).length ? c : a));
  const { text, words } = best.words.some(matches) ? best : (fields.find((f) => f.words.length > 0) ?? best);
  if (words.length === 0) return text.slice(0, 200);
  // The window with the most matches, found in one pass.
  let start = 0;
  let bestStart = 0;
  let inWindow = 0;
  let most = -1;
  for (let end = 0; end < words.length; end++) {
    if (matches(words[end] as Word)) inWindow += 1;
    if (end - start + 1 > windowWords) {
      if (matches(words[start] as Word)) inWindow -= 1;
      start += 1;
    }
    if (inWindow > most) {
      most = inWindow;
      bestStart = start;
    }
  }
  const shown = words.slice(bestStart, bestStart + windowWords);
  const first = shown[0] as Word;
  const last = shown.at(-1) as Word;
  let out = bestStart > 0 ? "…" : "";
  let at = first.start;
  for (const word of shown) {
    if (!matches(word)) continue;
    out += `${text.slice(at, word.start)}${snippetMarks.start}${text.slice(word.start, word.end)}${snippetMarks.end}`;
    at = word.end;
  }
  out += text.slice(at, last.end);
  return bestStart + windowWords < words.length ? `${out}…` : out;
}
