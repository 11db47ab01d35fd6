// The top-k reader (src/search/top-matches.ts) answers exactly what ranking
// every match does, page after page, on both databases: with ties across many
// records (copies of one text, as a large knowledge base has), words matched
// through an actor, typos, completions, phrases, exclusions, several words,
// type filters, and every page size. With its rounds set to 0 it always gives
// up, and search ranks every match instead: the reference it is held to. (It
// reads however few rows the keys hold here: below `fromRows` search would
// rank every match anyway.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSeedDocument } from "../../src/content/seed-directory.js";
import { writeDocuments } from "../../src/content/write-documents.js";
import { rawTable } from "../../src/db/database.js";
import { statementParams } from "../../src/db/json-sql.js";
import { countLimits, search } from "../../src/modules/search/service.js";
import { prepareQuery } from "../../src/search/expansion.js";
import { weightStep } from "../../src/search/index-document.js";
import { rankedMatches } from "../../src/search/matching.js";
import { actorsNamed, type List, leastShortfall, topMatches, topMatchLimits } from "../../src/search/top-matches.js";
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
  const { rounds, fromRows, driverRows } = topMatchLimits;
  beforeEach(() => {
    topMatchLimits.fromRows = 0;
  });
  afterEach(() => {
    Object.assign(topMatchLimits, { rounds, fromRows, driverRows });
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

  // 40 copies of two texts: equal weights, so the order among them is their ids'.
  const writeCopies = () => {
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
    return writeDocuments(db(), [loadSeedDocument(editedSeed({ "claims.json": (rows) => [...rows, ...copies] }))], {});
  };

  it("pages exactly as ranking every match does, ties and all", async () => {
    await writeCopies();
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
    // It gives up where the page needs records matching fewer words or typos, or matching a word
    // only through an actor: too few records here match every word at its best.
    expect(unsettled).toEqual(["zelensky ceasefire", "trump putin", "66.5 billion"]);
  });

  it("pages several words from the records matching each at its best, words naming actors and completions too", async () => {
    await writeCopies();
    // Candidate records only up to a quarter of the query's rows: most pages are the best class's or every match's.
    topMatchLimits.driverRows = 0;
    const several = [
      "zelensky ceasefire",
      "security guarantees europe",
      "ceasefire europe",
      "kyiv OR kiev talks",
      "trump putin",
    ];
    const settled: string[] = [];
    for (const q of several) {
      for (const limit of [1, 3, 25]) {
        topMatchLimits.rounds = rounds;
        const top = await walk(q, limit);
        topMatchLimits.rounds = 0;
        expect(top, `${q} (${limit} a page)`).toEqual(await walk(q, limit));
      }
      topMatchLimits.rounds = rounds;
      const query = await prepareQuery(db(), q);
      if ((await topMatches(db(), query, await actorsNamed(db(), query), { count: 4 }))?.hits.length) settled.push(q);
    }
    // Where enough records match every word directly: Europe's two keys (europe, european) looked
    // up under the other words', or read first, as the rarest (`ceasefire europe`).
    expect(settled).toEqual(["security guarantees europe", "ceasefire europe"]);
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

describe("the threshold reader's bound on what it has not read", () => {
  const list = (slot: number, boost: number, lastWeight: number, more: Partial<List> = {}): List => ({
    slot,
    tier: 0,
    term: `key${slot}-${boost}`,
    boost,
    read: 10,
    started: true,
    exhausted: false,
    lastScore: boost * lastWeight,
    ...more,
  });

  it("knows how little less than its bound an unread record can score", () => {
    // Below a list's last row, a weight is a step lower at least.
    const exact = list(0, 2, 1.5);
    expect(leastShortfall([exact], [{ tier: 0, score: 3 }])).toBeCloseTo(2 * weightStep * 0.99, 12);
    // A second list of the word, just below the first: a record there scores just below the bound,
    // and may round to the bound's rank in any (type, recordId) order.
    const completion = list(0, 0.75, 2.9999999 / 0.75);
    expect(leastShortfall([exact, completion], [{ tier: 0, score: 3 }])).toBeCloseTo(1e-7, 12);
    // Lists of another tier, read to their end, or of records through an actor (all 0) are no nearer.
    const typo = list(0, 5, 0.6, { tier: -1_000 });
    const done = list(0, 0.01, 299.9, { exhausted: true });
    const linked = list(0, 0, 0, { term: undefined, tier: -10 });
    expect(leastShortfall([typo, done, linked], [{ tier: 0, score: 3 }])).toBe(Number.POSITIVE_INFINITY);
  });
});
