// What the search index holds of one record: for each word key, a weight
// (BM25 term saturation and length normalisation per field, the title's words
// weighing three times the body's), whether it is one of an actor's names,
// and the plain forms it was written in; and the record's text as phrases
// are matched in it. Both are columns of the record's search document, which
// database triggers turn into the index's rows (SearchTerm, SearchWord).
import type { SearchDocumentRow } from "../content/rows.js";
import { phraseText, wordsOf } from "./words.js";

export interface SearchText {
  title: string;
  body: string;
  /** An actor's name and aliases: weighed as a title, and what finds the records about or by it. */
  names?: string[] | undefined;
}

export interface IndexColumns {
  /** JSON: `[key, weight, naming (0 or 1), ...plain forms][]`, by key. */
  terms: string;
  /** The phrase text of the title, a line break, and that of the body. */
  folded: string;
}

/** BM25's usual constants, and each field's typical length in words (fixed, so no write rescales others). */
const k1 = 1.2;
const b = 0.75;
const fields = [
  { part: "title", weight: 3, typicalLength: 8 },
  { part: "names", weight: 3, typicalLength: 6 },
  { part: "body", weight: 1, typicalLength: 40 },
] as const;

/** Weights are stored to four decimals: two differ by this at least (the top-k reader counts on it). */
const weightDecimals = 10_000;
export const weightStep = 1 / weightDecimals;

export function indexColumns(text: SearchText): IndexColumns {
  const terms = new Map<string, { weight: number; naming: boolean; surfaces: Set<string> }>();
  const parts = { title: text.names ? "" : text.title, names: (text.names ?? []).join("\n"), body: text.body };
  for (const field of fields) {
    const words = wordsOf(parts[field.part]).filter((w) => !w.stop);
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word.key, (counts.get(word.key) ?? 0) + 1);
    const norm = k1 * (1 - b + (b * words.length) / field.typicalLength);
    for (const word of words) {
      let term = terms.get(word.key);
      if (!term) {
        term = { weight: 0, naming: false, surfaces: new Set() };
        terms.set(word.key, term);
      }
      term.surfaces.add(word.plain);
      if (field.part === "names") term.naming = true;
    }
    for (const [key, tf] of counts) {
      const term = terms.get(key);
      if (term) term.weight += (field.weight * tf * (k1 + 1)) / (tf + norm);
    }
  }
  const rows = [...terms.entries()]
    .sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))
    .map(([key, t]) => [
      key,
      Math.round(t.weight * weightDecimals) / weightDecimals,
      t.naming ? 1 : 0,
      ...[...t.surfaces].sort(),
    ]);
  return { terms: JSON.stringify(rows), folded: `${phraseText(text.title)}\n${phraseText(text.body)}` };
}

/** A record's search document, with what the index holds of it. */
export function searchDocument(type: string, recordId: string, text: SearchText): SearchDocumentRow {
  return { type, recordId, title: text.title, body: text.body, ...indexColumns(text) };
}
