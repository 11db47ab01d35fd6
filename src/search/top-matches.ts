// The best matches of a query without ranking every match: Fagin's threshold
// algorithm over the index. Each key of the query is a list of records best
// first (SearchTerm's index on term, weight DESC, type, recordId), and each
// word naming an actor a list of the records about or by it (all of one tier,
// in (type, recordId) order). The reader takes the top of the lists that can
// still hold the best records, looks up each record it finds in the other
// lists (random access by the primary key), and ranks it exactly. It stops
// when the page's last record ranks at least as high as any record it has
// not seen could: that bound is the sum, over the query's words, of the best
// value a list of that word has left. Ties at the bound are settled by the
// lists' own (type, recordId) order, which the database sorts with the same
// collation as the page, so the answer is exactly the full ranking's.
//
// A query of several words is read another way: records matching every word
// at its best outrank all others, so those are ranked first in one statement
// (topClassPage), and they are the page when there are enough of them; when
// there are not, the records of its rarest words are ranked (candidatePage).
//
// When the lists run deep (a far page, a filter few of the best records
// pass, ties across many records, a page that needs records matching fewer
// words) the reader gives up after a bound on its work and the caller ranks
// every match instead (src/search/matching.ts).
import { type Database, rawTable } from "../db/database.js";
import { limitRows, type Param, statementParams } from "../db/json-sql.js";
import type { Expansion, PreparedQuery } from "./expansion.js";
import { weightStep } from "./index-document.js";
import { actorLinks, linksTo, namedActors, recordFilters, typedParam } from "./matching.js";
import { rankOf, rankTiers, slotTier } from "./rank.js";
import { pageOfRanked } from "./ranked-page.js";

export interface TopMatchOptions {
  type?: string | undefined;
  /** How many records to return: a page and the one after it. */
  count: number;
  /** The position (rank, type, recordId) the records follow: a cursor. */
  after?: [number, string, string] | undefined;
}

export interface TopMatch {
  type: string;
  recordId: string;
  rank: number;
  words: number;
  title: string;
  body: string;
}

export interface TopMatches {
  hits: TopMatch[];
  /** Whether the reader saw every match: then it counted them all (only when it did). */
  seenAll: boolean;
  /** Matches the reader saw that pass the query's filters, and of those, the ones matching every word. */
  seen: { ranked: number; complete: number };
}

/**
 * The reader's bounds on its work: beyond them, ranking every match is as cheap. Below
 * `fromRows` index rows of the query's keys, ranking them all in one statement is cheaper
 * than the reader's several (at scale 1, 1.2 ms against 1.5 for a common word on SQLite,
 * 1.9 against 4.2 on PostgreSQL).
 */
export const topMatchLimits = { candidates: 2_000, rounds: 6, growth: 4, driverRows: 2_000, fromRows: 2_000 };

export interface List {
  slot: number;
  tier: number;
  /** A direct key: its term and what a unit of weight scores; a linked list has neither. */
  term?: string;
  boost: number;
  actors?: string[];
  /** Rows read so far, and the last of them in the list's order. */
  read: number;
  started: boolean;
  exhausted: boolean;
  lastScore: number;
  last?: { type: string; recordId: string };
}

interface Candidate {
  type: string;
  recordId: string;
  /** The record's score in each list it is in; `null` where it is not, or where it could not better its match of the list's word. */
  values: Map<List, number | null>;
}

export interface Value {
  tier: number;
  score: number;
}

const better = (a: Value, b: Value) => a.tier > b.tier || (a.tier === b.tier && a.score > b.score);
const none: Value = { tier: Number.NEGATIVE_INFINITY, score: 0 };

/** The best value a record not yet read from `list` can have there: none once it is read to the end. */
function bound(list: List): Value {
  if (list.exhausted) return none;
  return { tier: list.tier, score: list.started ? list.lastScore : Number.POSITIVE_INFINITY };
}

/** `named`: each slot's named actors, from actorsNamed. */
export async function topMatches(
  db: Database,
  query: PreparedQuery,
  named: Map<number, string[]>,
  options: TopMatchOptions,
): Promise<TopMatches | undefined> {
  const rows = query.expansions.reduce((sum, e) => sum + e.records, 0);
  if (topMatchLimits.rounds === 0 || rows < topMatchLimits.fromRows) return undefined;
  // A word no key or actor matches changes no record's rank: the query is its other words.
  const matchable = query.slots.flatMap((_, slot) =>
    named.has(slot) || query.expansions.some((e) => e.slot === slot) ? [slot] : [],
  );
  if (matchable.length === 1) return thresholdTop(db, query, named, options);
  return (
    (await topClassPage(db, query, matchable, options)) ?? (await candidatePage(db, query, named, matchable, options))
  );
}

/**
 * Several words: the records matching each at its best tier (directly, with
 * its fewest typos: the exact word and its completions, most often), which
 * rank above all others, ranked in one statement from SearchTerm's (term,
 * type, recordId, weight) index alone. A full page of them is the page; so is
 * any number of them when the query's phrases hold all its words, as no other
 * record can hold the phrases.
 */
async function topClassPage(
  db: Database,
  query: PreparedQuery,
  matchable: number[],
  options: TopMatchOptions,
): Promise<TopMatches | undefined> {
  const slots = matchable.map((slot) => {
    const keys = keysOf(query, slot);
    const tier = Math.max(...keys.map(slotTier));
    return { slot, tier, keys: keys.filter((e) => slotTier(e) === tier) };
  });
  // (A word matched only through an actor: every record about it would have to be read.)
  if (slots.some((s) => s.keys.length === 0)) return undefined;
  const tiers = slots.reduce((sum, s) => sum + s.tier, 0);
  // A cursor past all of them: the page is of records matching fewer words, or worse.
  if (options.after && options.after[0] < rankOf(slots.length, tiers, 0)) return undefined;
  const rows = (s: (typeof slots)[number]) => s.keys.reduce((sum, e) => sum + e.records, 0);
  const driver = slots.reduce((rarest, s) => (rows(s) < rows(rarest) ? s : rarest));
  const sqlite = db.location.provider === "sqlite";
  const ranked = (param: Param) => {
    const terms = rawTable(db, "SearchTerm");
    const typed = typedParam(db, param);
    const ofType = (alias: string) => (options.type ? ` AND ${alias}."type" = ${param(options.type)}` : "");
    // The rarest word's records, each looked up under the other words' keys, all from the (term,
    // type, recordId, weight) index (byRecord): SQLite in the order its CROSS JOINs give, PostgreSQL
    // as it plans (merge and hash joins).
    const indexed = byRecord(db);
    const alias = (slot: number, key = 0) => `t${slot}_${key}`;
    const boosted = (e: Expansion, row: string) => `${typed(e.boost, "float8")} * ${row}."weight"`;
    // Several keys of a word: each looked up on its own (an outer join, so that the record needs
    // only one of them), and the best scoring.
    const best = (s: (typeof slots)[number]) =>
      bestKeyScore(db, typed, s.keys, (e) => `${alias(s.slot, s.keys.indexOf(e))}."weight"`);
    // Built in the order the text reads, as SQLite numbers its parameters so.
    const scores = slots.map((s) => {
      if (s === driver)
        return driver.keys.length === 1
          ? `${boosted(s.keys[0] as Expansion, "d")} AS "s${s.slot}"`
          : `d."s" AS "s${s.slot}"`;
      return `${s.keys.length === 1 ? boosted(s.keys[0] as Expansion, alias(s.slot)) : best(s)} AS "s${s.slot}"`;
    });
    const from =
      driver.keys.length === 1
        ? `${terms} d${indexed}`
        : `(SELECT t."type", t."recordId", max(CASE t."term" ${driver.keys.map((e) => `WHEN ${param(e.term)} THEN ${boosted(e, "t")}`).join(" ")} END) AS "s"
            FROM ${terms} t WHERE t."term" IN (${driver.keys.map((e) => param(e.term)).join(", ")})${ofType("t")}
            GROUP BY t."type", t."recordId") d`;
    const joins = slots
      .filter((s) => s !== driver)
      .flatMap((s) =>
        s.keys.map(
          (e, key) =>
            `${s.keys.length > 1 ? "LEFT JOIN" : sqlite ? "CROSS JOIN" : "JOIN"} ${terms} ${alias(s.slot, key)}${indexed} ON ${alias(s.slot, key)}."term" = ${param(e.term)} AND ${alias(s.slot, key)}."type" = d."type" AND ${alias(s.slot, key)}."recordId" = d."recordId"`,
        ),
      );
    const where = driver.keys.length === 1 ? ` WHERE d."term" = ${param(driver.keys[0]?.term)}${ofType("d")}` : "";
    const looked = slots.filter((s) => s !== driver && s.keys.length > 1).map((s) => `"s${s.slot}" >= 0`);
    // The scores add up in slot order, as src/search/rank.ts adds them, to the same last digit.
    const score = slots.map((s) => `"s${s.slot}"`).join(" + ");
    return `scored AS (SELECT d."type", d."recordId", ${scores.join(", ")} FROM ${from} ${joins.join(" ")}${where}),
      complete AS (SELECT "type", "recordId", ${score} AS "score" FROM scored${looked.length > 0 ? ` WHERE ${looked.join(" AND ")}` : ""}),
      ranked AS (SELECT "type", "recordId", ${slots.length} AS "words", ${rankOf(slots.length, tiers, 0)} + "score" / (1 + "score") AS "rank" FROM complete)`;
  };
  const hits = await pageOfRanked(db, query, ranked, options.count - 1, options.after);
  if (hits.length < options.count && !(tiers === 0 && phrasesHoldAll(query, matchable))) return undefined;
  return { hits, seenAll: false, seen: seenIn(hits, query.slots.length) };
}

/**
 * Whether the query's phrases hold each of these slots' words: a record can hold
 * a phrase only if it matches its every word, so then every match is complete.
 */
const phrasesHoldAll = (query: PreparedQuery, slots: number[]) =>
  slots.every((slot) =>
    query.slots[slot]?.alternatives.every((word) =>
      query.phrases.some((phrase) => phrase.includes(` ${word.surface} `)),
    ),
  );

/** The threshold algorithm over the lists of a query's keys and named actors. */
async function thresholdTop(
  db: Database,
  query: PreparedQuery,
  named: Map<number, string[]>,
  options: TopMatchOptions,
): Promise<TopMatches | undefined> {
  const lists: List[] = query.expansions.map((e) => ({
    slot: e.slot,
    tier: slotTier(e),
    term: e.term,
    boost: e.boost,
    read: 0,
    started: false,
    exhausted: false,
    lastScore: 0,
  }));
  for (const [slot, actors] of named)
    lists.push({
      slot,
      tier: slotTier("linked"),
      boost: 0,
      actors,
      read: 0,
      started: false,
      exhausted: false,
      lastScore: 0,
    });
  const candidates = new Map<string, Candidate>();
  const slots = query.slots.length;
  const slotBounds = () =>
    Array.from({ length: slots }, (_, slot) =>
      lists.filter((l) => l.slot === slot).reduce((best, l) => (better(bound(l), best) ? bound(l) : best), none),
    );
  let depth = options.count;
  for (let round = 0; round < topMatchLimits.rounds; round++) {
    // The lists that hold a word's best value left: they bound what an unseen record can reach.
    const bounds = slotBounds();
    const limiting = lists.filter((l) => !l.exhausted && !better(bounds[l.slot] ?? none, bound(l)));
    await Promise.all(limiting.map((list) => readList(db, list, options.type, depth, candidates)));
    if (candidates.size > topMatchLimits.candidates) return undefined;
    await lookUp(db, lists, [...candidates.values()], options.type);
    const unseen = slotBounds();
    const matched = unseen.filter((b) => b.tier !== none.tier);
    const tiers = matched.reduce((sum, b) => sum + b.tier, 0);
    const score = matched.reduce((sum, b) => sum + b.score, 0);
    const ceiling = rankOf(matched.length, tiers, score);
    // An unseen record at the ceiling with the bounds' own scores follows the lists' last rows; one
    // scoring less that rounds to the same rank may sort anywhere among the ceiling's ties.
    const tiesBelow = rankOf(matched.length, tiers, score - leastShortfall(lists, unseen)) === ceiling;
    const sentinels =
      matched.length === 0
        ? []
        : tiesBelow
          ? [{ rank: ceiling, type: "", recordId: "" }]
          : lists
              .filter((l) => !l.exhausted && !better(unseen[l.slot] ?? none, bound(l)))
              .map((l) => ({ rank: ceiling, ...(l.last ?? { type: "", recordId: "" }) }));
    // A record ranking below the ceiling is in no settled page: a sentinel precedes it.
    const scored = [...candidates.values()].map((c) => ranked(c, slots)).filter((c) => c.rank >= ceiling);
    const page = await selectPage(db, query, scored, sentinels, options);
    if (page) return { ...page, seenAll: sentinels.length === 0 };
    depth *= topMatchLimits.growth;
  }
  return undefined;
}

/**
 * The least by which an unseen record can score below a word's bound and stay
 * in its tier: in a list, a weight's least step (src/search/index-document.ts)
 * below its last row; or another list's lower bound. Infinite when no list
 * can score less within the tier (records through an actor all score 0).
 */
export function leastShortfall(lists: List[], unseen: Value[]): number {
  let least = Number.POSITIVE_INFINITY;
  for (const list of lists) {
    const best = unseen[list.slot] ?? none;
    if (list.term === undefined || list.exhausted || list.tier !== best.tier) continue;
    const own = bound(list).score;
    // (A weight's step, less a margin for the rounding of the products.)
    least = Math.min(least, own < best.score ? best.score - own : list.boost * weightStep * 0.99);
  }
  return least;
}

/**
 * Several words, the page needing more than the best class: records matching
 * at least all words but `m` each hold a key of one of any m + 1 words, so
 * those of the m + 1 words with the fewest index rows (none naming an actor:
 * its records would all have to be read) are the candidates. Each is looked
 * up under every word's keys and actors and ranked exactly, and those matching
 * that many words are the page if it is full: all others rank below them.
 * Tried for m = 0, 1, ... while the candidates' rows are at most 2,000 or a quarter
 * of what ranking every match reads.
 */
async function candidatePage(
  db: Database,
  query: PreparedQuery,
  named: Map<number, string[]>,
  matchable: number[],
  options: TopMatchOptions,
): Promise<TopMatches | undefined> {
  const rows = (slot: number) => keysOf(query, slot).reduce((sum, e) => sum + e.records, 0);
  const all = query.expansions.reduce((sum, e) => sum + e.records, 0);
  const drivers = matchable.filter((slot) => !named.has(slot)).sort((a, b) => rows(a) - rows(b));
  for (let m = 0; m < drivers.length; m++) {
    const driving = drivers.slice(0, m + 1);
    const candidates = driving.reduce((sum, slot) => sum + rows(slot), 0);
    if (candidates > Math.max(topMatchLimits.driverRows, all / 4)) return undefined;
    const least = matchable.length - m;
    const ranked = (param: Param) => candidatesRanked(db, query, named, matchable, driving, least, options.type, param);
    const hits = await pageOfRanked(db, query, ranked, options.count - 1, options.after);
    if (hits.length === options.count) return { hits, seenAll: false, seen: seenIn(hits, query.slots.length) };
  }
  return undefined;
}

/** A word's keys. */
const keysOf = (query: PreparedQuery, slot: number) => query.expansions.filter((e) => e.slot === slot);

/**
 * SearchTerm read through its (term, type, recordId, weight) index, in (type, recordId) order, so
 * that lookups of one record after another read neighbouring pages. SQLite is told the index: with
 * no statistics it looked up by the primary key, reading the table for each weight (8 times slower).
 */
const byRecord = (db: Database) =>
  db.location.provider === "sqlite" ? ` INDEXED BY "SearchTerm_term_type_recordId_weight_naming_idx"` : "";

/**
 * The best score of a word's keys in a record, from each key's weight there
 * (`weight`: SQL, null where the record lacks the key); -1 where it lacks them
 * all (scores are not negative).
 */
function bestKeyScore(
  db: Database,
  typed: (value: unknown, type: string) => string,
  keys: Expansion[],
  weight: (e: Expansion) => string,
): string {
  const scores = keys.map((e) => `coalesce(${typed(e.boost, "float8")} * ${weight(e)}, -1)`);
  return scores.length === 1
    ? (scores[0] as string)
    : `${db.location.provider === "sqlite" ? "max" : "GREATEST"}(${scores.join(", ")})`;
}

/** What a page of hits shows for certain: that many matches, and of them, those matching every word. */
export const seenIn = (hits: TopMatch[], slots: number) => ({
  ranked: hits.length,
  complete: hits.filter((hit) => hit.words === slots).length,
});

/** CTEs ending in `ranked`: the records of the `driving` words' keys matching at least `least` words, ranked. */
function candidatesRanked(
  db: Database,
  query: PreparedQuery,
  named: Map<number, string[]>,
  matchable: number[],
  driving: number[],
  least: number,
  type: string | undefined,
  param: Param,
): string {
  const terms = rawTable(db, "SearchTerm");
  const typed = typedParam(db, param);
  const indexed = byRecord(db);
  const keys = matchable.flatMap((slot) => keysOf(query, slot));
  const weightOf = (e: Expansion) => `"w${keys.indexOf(e)}"`;
  const linkedOf = (slot: number) => `"l${slot}"`;
  // Built in the order the text reads, as SQLite numbers its parameters so.
  const parts: string[] = [];
  const actors = [...named].flatMap(([slot, ids]) => ids.map((id) => `(${typed(id, "text")}, ${typed(slot, "int")})`));
  if (actors.length > 0) parts.push(`named ("actorId", "slot") AS (VALUES ${actors.join(", ")})`);
  const driverKeys = driving.flatMap((slot) => keysOf(query, slot).map((e) => param(e.term)));
  parts.push(
    `c AS (SELECT DISTINCT t."type", t."recordId" FROM ${terms} t${indexed} WHERE t."term" IN (${driverKeys.join(", ")})${type ? ` AND t."type" = ${param(type)}` : ""})`,
  );
  // Each key's weight in the record (null where it has none), each named word's link: once a
  // record (materialized, as each feeds two expressions of the next).
  const columns = [
    ...keys.map((e) => `${`k${keys.indexOf(e)}`}."weight" AS ${weightOf(e)}`),
    ...[...named.keys()].map(
      (slot) => `${linksTo(db, "c", `SELECT n."actorId" FROM named n WHERE n."slot" = ${slot}`)} AS ${linkedOf(slot)}`,
    ),
  ];
  const joins = keys.map(
    (e) =>
      `LEFT JOIN ${terms} k${keys.indexOf(e)}${indexed} ON k${keys.indexOf(e)}."term" = ${param(e.term)} AND k${keys.indexOf(e)}."type" = c."type" AND k${keys.indexOf(e)}."recordId" = c."recordId"`,
  );
  parts.push(`found AS MATERIALIZED (SELECT c."type", c."recordId", ${columns.join(", ")} FROM c ${joins.join(" ")})`);
  // A word's match is its best option: its best tier present, then the best score in that tier.
  const slotMatch = (slot: number) => {
    const options = [
      ...[...new Set(keysOf(query, slot).map(slotTier))].map((tier) => {
        const inTier = keysOf(query, slot).filter((e) => slotTier(e) === tier);
        return {
          tier,
          present: `(${inTier.map((e) => `${weightOf(e)} IS NOT NULL`).join(" OR ")})`,
          score: bestKeyScore(db, typed, inTier, weightOf),
        };
      }),
      ...(named.has(slot) ? [{ tier: slotTier("linked"), present: linkedOf(slot), score: "0" }] : []),
    ].sort((a, b) => b.tier - a.tier);
    const pick = (value: (o: (typeof options)[number]) => string) =>
      `CASE ${options.map((o) => `WHEN ${o.present} THEN ${value(o)}`).join(" ")} END`;
    return { tier: pick((o) => String(o.tier)), score: pick((o) => o.score) };
  };
  const matches = matchable.map(slotMatch);
  parts.push(`matched AS (SELECT "type", "recordId",
      ${matches.map((match) => `(CASE WHEN ${match.tier} IS NULL THEN 0 ELSE 1 END)`).join(" + ")} AS "words",
      ${matches.map((match) => `coalesce(${match.tier}, 0)`).join(" + ")} AS "tiers",
      ${matches.map((match) => `coalesce(${match.score}, 0)`).join(" + ")} AS "score"
    FROM found)`);
  parts.push(`ranked AS (SELECT "type", "recordId", "words", "words" * ${rankTiers.word} + "tiers" + "score" / (1 + "score") AS "rank"
    FROM matched WHERE "words" >= ${least})`);
  return parts.join(",\n    ");
}

/** Each slot's actors, named by one of its exact keys. */
export async function actorsNamed(db: Database, query: PreparedQuery): Promise<Map<number, string[]>> {
  const { values, param } = statementParams(db);
  const typed = typedParam(db, param);
  const keys = query.expansions
    .filter((e) => e.typos === 0)
    .map((e) => `(${typed(e.slot, "int")}, ${typed(e.term, "text")}, ${typed(e.typos, "int")})`);
  const named = new Map<number, string[]>();
  if (keys.length === 0) return named;
  const rows = await db.queryRows<{ actorId: string; slot: number }>(
    `WITH q ("slot", "term", "typos") AS (VALUES ${keys.join(", ")}) ${namedActors(db, "q")} ORDER BY 2, 1`,
    values,
  );
  for (const row of rows) named.set(Number(row.slot), [...(named.get(Number(row.slot)) ?? []), row.actorId]);
  return named;
}

const keyOf = (type: string, recordId: string) => `${type}\u0000${recordId}`;

function candidate(candidates: Map<string, Candidate>, type: string, recordId: string): Candidate {
  const key = keyOf(type, recordId);
  let found = candidates.get(key);
  if (!found) {
    found = { type, recordId, values: new Map() };
    candidates.set(key, found);
  }
  return found;
}

/** The next rows of a list, up to `depth` in all, in its order: every one a candidate. */
async function readList(
  db: Database,
  list: List,
  type: string | undefined,
  depth: number,
  candidates: Map<string, Candidate>,
) {
  const { values, param } = statementParams(db);
  const take = depth - list.read;
  const window = `${limitRows(take)} OFFSET ${list.read}`;
  const sql =
    list.term !== undefined
      ? `SELECT "type", "recordId", "weight" FROM ${rawTable(db, "SearchTerm")} WHERE "term" = ${param(list.term)}${type ? ` AND "type" = ${param(type)}` : ""}
          ORDER BY "weight" DESC, "type", "recordId" ${window}`
      : `WITH ${linkedRecords(db, list, param)} SELECT "type", "recordId", 0 AS "weight" FROM links${type ? ` WHERE "type" = ${param(type)}` : ""}
          ORDER BY "type", "recordId" ${window}`;
  const rows = await db.queryRows<{ type: string; recordId: string; weight: number }>(sql, values);
  for (const row of rows) candidate(candidates, row.type, row.recordId).values.set(list, list.boost * row.weight);
  list.started = true;
  list.read += rows.length;
  list.exhausted = rows.length < take;
  const last = rows.at(-1);
  if (last) {
    list.last = { type: last.type, recordId: last.recordId };
    list.lastScore = list.boost * last.weight;
  }
}

/** A CTE `actors` of the actor ids given, one parameter in all, to follow a WITH. */
function actorsTable(db: Database, actors: string[], param: Param): string {
  return db.location.provider === "sqlite"
    ? `actors AS (SELECT value AS "actorId" FROM json_each(${param(JSON.stringify(actors))}))`
    : `actors AS (SELECT json_array_elements_text(${param(JSON.stringify(actors))}::json) AS "actorId")`;
}

/** The records about or by a linked list's actors, to follow a WITH. */
const linkedRecords = (db: Database, list: List, param: Param) =>
  `${actorsTable(db, list.actors ?? [], param)}, links AS (${actorLinks(db, "actors n", `n."actorId"`)})`;

/** A candidate's best value in a slot, of the lists it is known to be in. */
function slotValue(c: Candidate, slot: number): Value {
  let best = none;
  for (const [list, score] of c.values)
    if (list.slot === slot && score !== null && better({ tier: list.tier, score }, best))
      best = { tier: list.tier, score };
  return best;
}

/**
 * Looks each candidate up in the lists it has not been read from whose rest
 * could still improve its match of their word: then every candidate's rank is exact.
 */
async function lookUp(db: Database, lists: List[], candidates: Candidate[], type: string | undefined) {
  const wanted = new Map<List, Candidate[]>();
  for (const c of candidates)
    for (const list of lists) {
      if (c.values.has(list)) continue;
      if (list.exhausted || !better(bound(list), slotValue(c, list.slot))) {
        c.values.set(list, null);
        continue;
      }
      wanted.set(list, [...(wanted.get(list) ?? []), c]);
    }
  const direct = [...wanted].filter(([list]) => list.term !== undefined);
  const linked = [...wanted].filter(([list]) => list.term === undefined);
  const found = new Map<string, Map<List, number>>();
  const note = (list: List, type: string, recordId: string, score: number) => {
    const key = keyOf(type, recordId);
    found.set(key, (found.get(key) ?? new Map()).set(list, score));
  };
  if (direct.length > 0) {
    const { values, param } = statementParams(db);
    const pairs = direct.flatMap(([list, cs]) => cs.map((c) => ({ t: list.term, y: c.type, r: c.recordId })));
    const rows = await db.queryRows<{ term: string; type: string; recordId: string; weight: number }>(
      `SELECT t."term", t."type", t."recordId", t."weight" FROM ${jsonRows(db, param(JSON.stringify(pairs)), ["t", "y", "r"], "p")}
        JOIN ${rawTable(db, "SearchTerm")} t ON t."term" = p."t" AND t."type" = p."y" AND t."recordId" = p."r"`,
      values,
    );
    const byTerm = new Map(direct.map(([list]) => [list.term, list]));
    for (const row of rows) {
      const list = byTerm.get(row.term);
      if (list) note(list, row.type, row.recordId, list.boost * row.weight);
    }
  }
  for (const [list, cs] of linked) {
    const { values, param } = statementParams(db);
    const links = linkedRecords(db, list, param);
    const pairs = cs.map((c) => ({ y: c.type, r: c.recordId }));
    const rows = await db.queryRows<{ type: string; recordId: string }>(
      `WITH ${links} SELECT l."type", l."recordId" FROM links l
        JOIN ${jsonRows(db, param(JSON.stringify(pairs)), ["y", "r"], "p")} ON l."type" = p."y" AND l."recordId" = p."r"${type ? ` WHERE l."type" = ${param(type)}` : ""}`,
      values,
    );
    for (const row of rows) note(list, row.type, row.recordId, 0);
  }
  for (const [list, cs] of wanted)
    for (const c of cs) c.values.set(list, found.get(keyOf(c.type, c.recordId))?.get(list) ?? null);
}

/** A FROM item `alias` of the rows of a JSON array of objects, one text column per key. */
function jsonRows(db: Database, placeholder: string, keys: string[], alias: string): string {
  return db.location.provider === "sqlite"
    ? `(SELECT ${keys.map((k) => `json_extract(value, '$.${k}') AS "${k}"`).join(", ")} FROM json_each(${placeholder})) ${alias}`
    : `json_to_recordset(${placeholder}::json) AS ${alias}(${keys.map((k) => `"${k}" text`).join(", ")})`;
}

/** A record's exact rank, and how many of the query's words it matches. */
interface Scored {
  type: string;
  recordId: string;
  rank: number;
  words: number;
}

/** Where a page's records may no longer be known: any record not given ranks after it. */
interface Position {
  rank: number;
  type: string;
  recordId: string;
}

/** The rank of a record from its best match of each slot. */
function scoredFrom(type: string, recordId: string, values: Value[]): Scored {
  let words = 0;
  let tiers = 0;
  let score = 0;
  for (const value of values) {
    if (value.tier === none.tier) continue;
    words += 1;
    tiers += value.tier;
    score += value.score;
  }
  return { type, recordId, words, rank: rankOf(words, tiers, score) };
}

/** A candidate's rank, now that every list it can improve in is known. */
const ranked = (c: Candidate, slots: number) =>
  scoredFrom(
    c.type,
    c.recordId,
    Array.from({ length: slots }, (_, slot) => slotValue(c, slot)),
  );

interface PageRow {
  total: number | bigint;
  complete: number | bigint | null;
  type: string | null;
  recordId: string | null;
  sentinel: number | bigint | null;
  title: string | null;
  body: string | null;
}

/**
 * The page, if it is settled: the candidates that pass the query's filters
 * and follow the cursor, best first, in the database's own order of (type,
 * recordId) among equal ranks. `sentinels` stand where the unseen records
 * begin (each at `ceiling`, just before a list's next row): if one falls
 * within the page, an unseen record could belong in it, and the lists must be read further.
 */
async function selectPage(
  db: Database,
  query: PreparedQuery,
  scored: Scored[],
  sentinels: Position[],
  options: TopMatchOptions,
): Promise<Omit<TopMatches, "seenAll"> | undefined> {
  const slots = query.slots.length;
  // Ranks travel as their places in one order: integers, which both engines compare exactly.
  const ranks = [
    ...new Set([
      ...scored.map((s) => s.rank),
      ...sentinels.map((s) => s.rank),
      ...(options.after ? [options.after[0]] : []),
    ]),
  ].sort((a, b) => b - a);
  const place = new Map(ranks.map((rank, i) => [rank, i]));
  const rows = [
    ...scored.map((s) => ({ y: s.type, r: s.recordId, o: place.get(s.rank), s: 0, w: s.words })),
    ...sentinels.map((s) => ({ y: s.type, r: s.recordId, o: place.get(s.rank), s: 1, w: 0 })),
  ];
  const { values, param } = statementParams(db);
  const sqlite = db.location.provider === "sqlite";
  const from = sqlite
    ? `(SELECT json_extract(value, '$.y') AS "type", json_extract(value, '$.r') AS "recordId", json_extract(value, '$.o') AS "place",
        json_extract(value, '$.s') AS "sentinel", json_extract(value, '$.w') AS "words" FROM json_each(${param(JSON.stringify(rows))}))`
    : `(SELECT "y" AS "type", "r" AS "recordId", "o" AS "place", "s" AS "sentinel", "w" AS "words"
        FROM json_to_recordset(${param(JSON.stringify(rows))}::json) AS x("y" text, "r" text, "o" int, "s" int, "w" int))`;
  const filters = recordFilters(db, query, param, "c");
  const after = options.after;
  const keyset = after
    ? ` AND ("place" > ${param(place.get(after[0]))} OR ("place" = ${param(place.get(after[0]))} AND ("type" > ${param(after[1])} OR ("type" = ${param(after[1])} AND "recordId" > ${param(after[2])}))))`
    : "";
  const sql = `WITH c AS ${from},
    passing AS (SELECT c.* FROM c WHERE "sentinel" = 0${filters.map((f) => ` AND ${f}`).join("")}),
    counted AS (SELECT count(*) AS "total", sum(CASE WHEN "words" = ${slots} THEN 1 ELSE 0 END) AS "complete" FROM passing),
    page AS (
      SELECT * FROM (SELECT * FROM passing WHERE 1 = 1${keyset} UNION ALL SELECT * FROM c WHERE "sentinel" = 1) p
      ORDER BY "place", "type", "recordId", "sentinel" ${limitRows(options.count)}
    )
    SELECT counted."total", counted."complete", page."type", page."recordId", page."sentinel", d."title", d."body"
    FROM counted LEFT JOIN page ON 1 = 1
    LEFT JOIN ${rawTable(db, "SearchDocument")} d ON d."type" = page."type" AND d."recordId" = page."recordId"
    ORDER BY page."place", page."type", page."recordId", page."sentinel"`;
  const result = await db.queryRows<PageRow>(sql, values);
  if (result.some((row) => Number(row.sentinel) === 1)) return undefined;
  const rankOfRow = new Map(scored.map((s) => [keyOf(s.type, s.recordId), s]));
  const hits: TopMatch[] = [];
  for (const row of result) {
    if (row.type === null || row.recordId === null || row.title === null || row.body === null) continue;
    const s = rankOfRow.get(keyOf(row.type, row.recordId));
    if (s)
      hits.push({
        type: row.type,
        recordId: row.recordId,
        rank: s.rank,
        words: s.words,
        title: row.title,
        body: row.body,
      });
  }
  return { hits, seen: { ranked: Number(result[0]?.total ?? 0), complete: Number(result[0]?.complete ?? 0) } };
}
