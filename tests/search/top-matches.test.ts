// The top-k reader (src/search/top-matches.ts) answers exactly what ranking
// every match does, page after page, on both databases: with ties across many
// records (copies of one text, as a large knowledge base has), words matched
// through an actor, typos, completions, phrases, exclusions, several words,
// type filters, and every page size. With its rounds set to 0 it always gives
// up, and search ranks every match instead: the reference it is held to. (It
// reads however few rows the keys hold here: below `fromRows` search would
// rank every match anyway.)
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadSeedDocument } from "../../src/content/seed-directory.js";
import { writeDocuments } from "../../src/content/write-documents.js";
import { rawTable } from "../../src/db/database.js";
import { statementParams } from "../../src/db/json-sql.js";
import { countLimits, search } from "../../src/modules/search/service.js";
import { prepareQuery } from "../../src/search/expansion.js";
import { rankedMatches } from "../../src/search/matching.js";
import { actorsNamed, topMatches, topMatchLimits } from "../../src/search/top-matches.js";
import { editedSeed } from "../helpers/seed-copy.js";
import { describeEachDatabase, useSeededDatabase } from "../helpers/test-database.js";

const queries = [
  "ceasefire",
  "ceasfire",
  "cease",
  "zelensky",
  "zelensky ceasefire",
  "russia",
  '"security guarantees"',
  "security guarantees europe",
  "-russia ceasefire",
  'ceasefire -"full ceasefire"',
  "kyiv OR kiev talks",
  "trump putin",
  "66.5 billion",
];

describeEachDatabase("search's top-k reader", (provider) => {
  const db = useSeededDatabase(provider);
  const { rounds, fromRows } = topMatchLimits;
  beforeEach(() => {
    topMatchLimits.fromRows = 0;
  });
  afterEach(() => {
    Object.assign(topMatchLimits, { rounds, fromRows });
  });

  // Whole pages, with the counts, following each cursor to the end.
  const walk = async (q: string, limit: number, type?: "claim" | "event") => {
    const pages: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(db(), { q, limit, cursor, type });
      pages.push({ data: page.data, matches: page.matches });
      cursor = page.page.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  };

  it("pages exactly as ranking every match does, ties and all", async () => {
    // 40 copies of two texts: equal weights, so the order among them is their ids'.
    const copies = Array.from({ length: 40 }, (_, i) => [
      {
        id: `fact-copied-ceasefire-${String(i).padStart(2, "0")}`,
        kind: "fact",
        text: "A ceasefire was proposed.",
        about: ["ukraine"],
        evidence: ["Ukraine’s call for an immediate, full ceasefire"],
      },
      {
        id: `fact-${39 - i}-security-copy`,
        kind: "fact",
        text: "Europe weighs security guarantees for Ukraine after a ceasefire.",
        about: ["russia"],
        evidence: ["Ukraine’s call for an immediate, full ceasefire"],
      },
    ]).flat();
    await writeDocuments(db(), [loadSeedDocument(editedSeed({ "claims.json": (rows) => [...rows, ...copies] }))], {});
    let compared = 0;
    for (const q of queries)
      for (const limit of [1, 3, 25])
        for (const type of [undefined, "claim", "event"] as const) {
          topMatchLimits.rounds = rounds;
          const top = await walk(q, limit, type);
          topMatchLimits.rounds = 0;
          const all = await walk(q, limit, type);
          expect(top, `${q} (${limit} a page, ${type ?? "any type"})`).toEqual(all);
          compared += top.length;
        }
    expect(compared).toBeGreaterThan(1_000);
    // The reader settled the first pages itself, without ranking every match.
    topMatchLimits.rounds = rounds;
    const unsettled: string[] = [];
    for (const q of queries) {
      const query = await prepareQuery(db(), q);
      if (!(await topMatches(db(), query, await actorsNamed(db(), query), { count: 4 }))?.hits.length)
        unsettled.push(q);
    }
    // It gives up where the page needs records matching fewer words, or every word names an actor.
    expect(unsettled).toEqual(["zelensky ceasefire", "trump putin", "66.5 billion"]);
  });

  it("ranks a record of three or more words alike in every strategy, to the last digit", async () => {
    // Three words in every proportion and text length: scores whose sum, added in one order or
    // another (or compensated, as SQLite's sum() is), would differ in the last digit.
    const varied = Array.from({ length: 60 }, (_, i) => ({
      id: `fact-varied-${String(i).padStart(2, "0")}`,
      kind: "fact",
      text: `${"Drone ".repeat(1 + (i % 3))}${"harbour ".repeat(1 + ((i >> 1) % 3))}${"grain ".repeat(1 + ((i >> 2) % 4))}${"and more ".repeat(i % 7)}.`,
      about: ["ukraine"],
      evidence: ["Ukraine’s call for an immediate, full ceasefire"],
    }));
    await writeDocuments(db(), [loadSeedDocument(editedSeed({ "claims.json": (rows) => [...rows, ...varied] }))], {});
    for (const q of ["drone harbour grain", "grain drone harbour more"]) {
      topMatchLimits.rounds = rounds;
      const top = await walk(q, 7);
      topMatchLimits.rounds = 0;
      expect(top, q).toEqual(await walk(q, 7));
      expect(top.length, q).toBeGreaterThan(5);
      // The reader's own page, not the full ranking's.
      topMatchLimits.rounds = rounds;
      const query = await prepareQuery(db(), q);
      expect((await topMatches(db(), query, await actorsNamed(db(), query), { count: 8 }))?.hits.length, q).toBe(8);
      // Every record's scores as the full ranking adds them, against their sum in slot order.
      const full = statementParams(db());
      const ranked = await db().queryRows<{ type: string; recordId: string; score: number }>(
        `WITH ${rankedMatches(db(), query, full.param, { namesActors: false })} SELECT "type", "recordId", "score" FROM matched`,
        full.values,
      );
      const rows = statementParams(db());
      const weights = await db().queryRows<{ term: string; type: string; recordId: string; weight: number }>(
        `SELECT "term", "type", "recordId", "weight" FROM ${rawTable(db(), "SearchTerm")}
          WHERE "term" IN (${query.expansions.map((e) => rows.param(e.term)).join(", ")})`,
        rows.values,
      );
      const weight = new Map(weights.map((w) => [`${w.term} ${w.type} ${w.recordId}`, w.weight]));
      const inSlotOrder = (type: string, recordId: string) =>
        query.expansions.reduce((sum, e) => sum + e.boost * (weight.get(`${e.term} ${type} ${recordId}`) ?? 0), 0);
      expect(ranked.length, q).toBeGreaterThan(50);
      for (const record of ranked)
        expect(Number(record.score), `${q}: ${record.recordId}`).toBe(inSlotOrder(record.type, record.recordId));
    }
  });

  it("counts exactly up to its bound, and past it gives lower bounds it marks limited", async () => {
    const exact = await search(db(), { q: "ceasefire", limit: 3 });
    const two = await search(db(), { q: "ceasefire proposed", limit: 3 });
    expect(exact.matches.limited).toBe(false);
    const { exactRows } = countLimits;
    countLimits.exactRows = 5;
    try {
      for (const [q, truth] of [
        ["ceasefire", exact],
        ["ceasefire proposed", two],
      ] as const) {
        const bounded = await search(db(), { q, limit: 3 });
        expect(bounded.data, q).toEqual(truth.data);
        expect(bounded.matches.limited, q).toBe(true);
        expect(bounded.matches.ranked, q).toBeGreaterThanOrEqual(bounded.data.length);
        expect(bounded.matches.ranked, q).toBeLessThanOrEqual(truth.matches.ranked);
        expect(bounded.matches.complete, q).toBeLessThanOrEqual(truth.matches.complete);
      }
      // Each of a key's rows is a match: one word's count is at least its commonest key's (the copies above hold it 80 times).
      const ceasefire = await search(db(), { q: "ceasefire", limit: 3 });
      expect(ceasefire.matches.ranked).toBeGreaterThan(40);
    } finally {
      countLimits.exactRows = exactRows;
    }
  });
});
