// The index keys each word of a query matches, and what a match with each is
// worth: its own key; while typing, the keys of the words it begins; and,
// for a word of 5 letters or more, those of the indexed words one typo away
// (two from 9 letters: Meilisearch's defaults), never for a number. A typo's
// first letter must be right (Meilisearch counts a wrong first letter as two
// typos). A key's worth is its rarity (BM25's idf) times how near the match
// is: exact, completion, one typo, two. The lookups read the vocabulary
// (SearchWord) by a range of its key and the index's counts of the keys found:
// work bounded by the caps below, however large the knowledge base.
import { distance } from "fastest-levenshtein";
import { type Database, rawTable } from "../db/database.js";
import { limitRows } from "../db/json-sql.js";
import { type ParsedQuery, parseQuery } from "./query-syntax.js";
import type { Word } from "./words.js";

export interface Expansion {
  slot: number;
  term: string;
  typos: number;
  /** What one unit of the term's weight in a record adds to the record's score. */
  boost: number;
  /** How many records hold the term. */
  records: number;
}

export interface PreparedQuery extends ParsedQuery {
  /** Every key a slot matches, with its worth; only keys some record holds. */
  expansions: Expansion[];
}

const nearness = { exact: 1, completion: 0.75, typo: [1, 0.5, 0.35] } as const;
/** Completions of a prefix (the shortest words first), near spellings of a word, and keys in all. */
const caps = { completions: 30, completionScan: 200, typos: 10, typoScan: 5_000, keys: 400 };

export const maxTypos = (word: Word) =>
  word.numeric ? 0 : word.plain.length >= 9 ? 2 : word.plain.length >= 5 ? 1 : 0;

/** The first string after every string that begins with `prefix`, in code point (UTF-8 byte) order. */
function after(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return prefix.slice(0, prefix.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(last + 1);
}

export async function prepareQuery(db: Database, input: string): Promise<PreparedQuery> {
  const parsed = parseQuery(input);
  const words = rawTable(db, "SearchWord");
  const bytewise = db.location.provider === "postgresql" ? ` COLLATE "C"` : "";
  const p = db.location.provider === "sqlite" ? () => "?" : (n: number) => `$${n}`;
  const best = new Map<string, { slot: number; term: string; typos: number; nearness: number }>();
  const offer = (slot: number, term: string, typos: number, near: number) => {
    const key = `${slot}\u0000${term}`;
    const current = best.get(key);
    if (!current || near > current.nearness) best.set(key, { slot, term, typos, nearness: near });
  };
  for (const [slot, { alternatives, prefix, exact }] of parsed.slots.entries()) {
    for (const word of alternatives) {
      offer(slot, word.key, 0, nearness.exact);
      if (exact) continue;
      if (prefix && word.plain.length >= 2) {
        const completions = await db.queryRows<{ form: string; term: string }>(
          `SELECT "form", "term" FROM ${words} WHERE "form"${bytewise} >= ${p(1)} AND "form"${bytewise} < ${p(2)}
            ORDER BY "form"${bytewise} ${limitRows(caps.completionScan)}`,
          [word.plain, after(word.plain)],
        );
        completions.sort((a, b) => a.form.length - b.form.length);
        for (const c of completions.slice(0, caps.completions))
          offer(slot, c.term, 0, c.term === word.key ? nearness.exact : nearness.completion);
      }
      const allowed = maxTypos(word);
      if (allowed === 0) continue;
      const first = word.plain.slice(0, 1);
      const length = word.plain.length;
      const candidates = await db.queryRows<{ form: string; term: string }>(
        `SELECT "form", "term" FROM ${words} WHERE "form"${bytewise} >= ${p(1)} AND "form"${bytewise} < ${p(2)}
          AND length("form") BETWEEN ${p(3)} AND ${p(4)} ${limitRows(caps.typoScan)}`,
        [first, after(first), length - allowed, length + allowed],
      );
      const near = candidates
        .map((c) => ({ ...c, typos: distance(c.form, word.plain) }))
        .filter((c) => c.typos > 0 && c.typos <= allowed)
        .sort((a, b) => a.typos - b.typos)
        .slice(0, caps.typos);
      for (const c of near) offer(slot, c.term, c.typos, nearness.typo[c.typos] ?? 0);
    }
  }
  const offered = [...best.values()].slice(0, caps.keys);
  if (offered.length === 0) return { ...parsed, expansions: [] };
  const terms = [...new Set(offered.map((o) => o.term))];
  const documents = rawTable(db, "SearchDocument");
  const counted = await db.queryRows<{ term: string; df: number | bigint; n: number | bigint | null }>(
    `SELECT "term", count(*) AS "df",
      (SELECT max(${db.location.provider === "sqlite" ? "rowid" : `"insertOrder"`}) FROM ${documents}) AS "n"
    FROM ${rawTable(db, "SearchTerm")} WHERE "term" IN (${terms.map((_, i) => p(i + 1)).join(", ")}) GROUP BY "term"`,
    terms,
  );
  const df = new Map(counted.map((row) => [row.term, Number(row.df)]));
  // Documents ever indexed: an index lookup, where a count would read them all; deletions make it a little high.
  const n = Math.max(Number(counted[0]?.n ?? 0), ...df.values());
  const idf = (term: string) => {
    const f = df.get(term) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
  return {
    ...parsed,
    expansions: offered
      .filter((o) => df.has(o.term))
      .map((o) => ({
        slot: o.slot,
        term: o.term,
        typos: o.typos,
        boost: idf(o.term) * o.nearness,
        records: df.get(o.term) ?? 0,
      })),
  };
}
