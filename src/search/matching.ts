// The records a prepared query matches, as SQL common table expressions both
// databases run alike. A record matches a slot (one word of the query) when it
// holds one of the slot's keys, or when it is about or by an actor one of
// whose names holds the word exactly (claims about or spoken by it,
// implications for it, events it took part in). A slot's match is its best
// option: fewest typos, then a direct match over one through an actor, then
// the highest BM25 score; a record's rank adds up its slots' (src/search/rank.ts).
// These statements read every index row of the query's keys: the full ranking
// behind the top-k reader's exact fallback (src/search/top-matches.ts), the
// counts, the facets and the lists' `q` filter.
import { type Database, rawTable } from "../db/database.js";
import type { Param } from "../db/json-sql.js";
import type { PreparedQuery } from "./expansion.js";
import { rankTiers } from "./rank.js";

export interface MatchOptions {
  /** Only records of this type. */
  type?: string | undefined;
  /** Only the actor itself and records about or by it. */
  actor?: string | undefined;
  /** Only records matching every slot (the `q` filter of lists). */
  complete?: boolean;
  /** Whether a word of the query names an actor (src/search/top-matches.ts: actorsNamed); if not known, assumed. */
  namesActors?: boolean;
}

/** Whether a query can match anything at all. */
export const canMatch = (query: PreparedQuery) => query.expansions.length > 0;

/**
 * The records about or by the actors of `from` (claims about or spoken by
 * one, implications for one, events one took part in), as (type, recordId,
 * and `carried` if given): each through its link's actor index.
 */
export function actorLinks(db: Database, from: string, actorColumn: string, carried?: string): string {
  const t = (name: string) => rawTable(db, name);
  const extra = carried ? `, ${carried}` : "";
  return `SELECT 'claim' AS "type", l."claimId" AS "recordId"${extra} FROM ${from} JOIN ${t("ClaimActor")} l ON l."actorId" = ${actorColumn}
    UNION SELECT 'claim', c."id"${extra} FROM ${from} JOIN ${t("Claim")} c ON c."speakerId" = ${actorColumn}
    UNION SELECT 'implication', l."implicationId"${extra} FROM ${from} JOIN ${t("ImplicationActor")} l ON l."actorId" = ${actorColumn}
    UNION SELECT 'event', l."eventId"${extra} FROM ${from} JOIN ${t("EventParticipant")} l ON l."actorId" = ${actorColumn}`;
}

/**
 * Whether the record `alias` ("type", "recordId") is about or by one of the
 * actors `actors` (SQL of a set of actor ids): the links of actorLinks, tested
 * for one record, each through its link table's primary key. (Its own aliases
 * are `la` and `ls`, so that they hide no alias of the statement's.)
 */
export function linksTo(db: Database, alias: string, actors: string): string {
  const t = (name: string) => rawTable(db, name);
  const record = `${alias}."recordId"`;
  // A record has a few links: read them and test each actor, rather than look up each actor (an
  // actor's name may be shared by hundreds). SQLite's unary + keeps it from using the index for that.
  const actor = (column: string) => `${db.location.provider === "sqlite" ? "+" : ""}${column} IN (${actors})`;
  return `CASE ${alias}."type"
      WHEN 'claim' THEN EXISTS (SELECT 1 FROM ${t("ClaimActor")} la WHERE la."claimId" = ${record} AND ${actor(`la."actorId"`)})
        OR EXISTS (SELECT 1 FROM ${t("Claim")} ls WHERE ls."id" = ${record} AND ${actor(`ls."speakerId"`)})
      WHEN 'implication' THEN EXISTS (SELECT 1 FROM ${t("ImplicationActor")} la WHERE la."implicationId" = ${record} AND ${actor(`la."actorId"`)})
      WHEN 'event' THEN EXISTS (SELECT 1 FROM ${t("EventParticipant")} la WHERE la."eventId" = ${record} AND ${actor(`la."actorId"`)})
      ELSE ${boolean(db, false)} END`;
}

/** The SQL of a boolean on SQLite (an integer) and PostgreSQL. */
const boolean = (db: Database, value: boolean) =>
  db.location.provider === "sqlite" ? (value ? "1" : "0") : String(value);

/**
 * A parameter of this SQL type: PostgreSQL reads the parameters of a VALUES
 * list untyped and must be told; SQLite needs no cast.
 */
export const typedParam = (db: Database, param: Param) => (value: unknown, type: string) =>
  db.location.provider === "sqlite" ? param(value) : `${param(value)}::${type}`;

/**
 * The actors whose names hold one of a slot's exact keys, as (actorId, slot),
 * from the query's keys `q` (slot, term, typos, ...).
 */
export const namedActors = (db: Database, q: string) =>
  `SELECT DISTINCT t."recordId" AS "actorId", q."slot" FROM ${q} q JOIN ${rawTable(db, "SearchTerm")} t ON t."term" = q."term"
      WHERE t."type" = 'actor' AND t."naming" = ${boolean(db, true)} AND q."typos" = 0`;

/**
 * The conditions, on the record `alias`."type" and `alias`."recordId", that its
 * text holds the query's phrases and neither its excluded words nor phrases.
 * `inOrder`: as scalar subqueries, which both engines test row by row where
 * they stand (an EXISTS may become a hash join, which reads every document and keeps no order).
 */
export function recordFilters(
  db: Database,
  query: PreparedQuery,
  param: Param,
  alias: string,
  inOrder = false,
): string[] {
  const sqlite = db.location.provider === "sqlite";
  const filters: string[] = [];
  const ofRecord = (x: string) => `${x}."type" = ${alias}."type" AND ${x}."recordId" = ${alias}."recordId"`;
  if (query.excludedKeys.length > 0) {
    const excluded = `FROM ${rawTable(db, "SearchTerm")} x WHERE ${ofRecord("x")}
      AND x."term" IN (${query.excludedKeys.map((key) => param(key)).join(", ")})`;
    filters.push(inOrder ? `(SELECT count(*) ${excluded}) = 0` : `NOT EXISTS (SELECT 1 ${excluded})`);
  }
  const holds = (phrase: string) => `${sqlite ? "instr" : "strpos"}(d."folded", ${param(phrase)}) > 0`;
  const textFilters = [...query.phrases.map(holds), ...query.excludedPhrases.map((phrase) => `NOT ${holds(phrase)}`)];
  if (textFilters.length > 0) {
    const documents = `FROM ${rawTable(db, "SearchDocument")} d WHERE ${ofRecord("d")}`;
    filters.push(
      inOrder
        ? `(SELECT ${textFilters.join(" AND ")} ${documents}) = ${boolean(db, true)}`
        : `EXISTS (SELECT 1 ${documents} AND ${textFilters.join(" AND ")})`,
    );
  }
  return filters;
}

/**
 * `q`, `direct`, `named`, `linked` and `options` (type, recordId, slot, tier,
 * score: every way a record matches a slot), and with an actor `chosen` and
 * `scope`. The text is built in the order it reads, as SQLite numbers its parameters so.
 */
function slotOptions(db: Database, query: PreparedQuery, param: Param, options: MatchOptions): string[] {
  const sqlite = db.location.provider === "sqlite";
  const cast = (sql: string, type: string) => (sqlite ? sql : `${sql}::${type}`);
  const parts: string[] = [];
  const values = query.expansions.map((e, i) => {
    const typed = (value: unknown, type: string) => (i === 0 ? cast(param(value), type) : param(value));
    return `(${typed(e.slot, "int")}, ${typed(e.term, "text")}, ${typed(e.typos, "int")}, ${typed(e.boost, "float8")})`;
  });
  parts.push(`q ("slot", "term", "typos", "boost") AS (VALUES ${values.join(", ")})`);
  parts.push(`direct AS (
      SELECT t."type", t."recordId", q."slot", q."typos", q."boost" * t."weight" AS "score"
      FROM q JOIN ${rawTable(db, "SearchTerm")} t ON t."term" = q."term"${options.type ? ` AND t."type" = ${param(options.type)}` : ""}
    )`);
  const direct = `SELECT "type", "recordId", "slot", "typos" * ${rankTiers.typo} AS "tier", "score" FROM direct`;
  if (options.namesActors === false) parts.push(`options AS (${direct})`);
  else {
    parts.push(`named AS (${namedActors(db, "q")})`);
    parts.push(
      `linked AS (SELECT * FROM (${actorLinks(db, "named n", `n."actorId"`, `n."slot" AS "slot"`)}) l${options.type ? ` WHERE "type" = ${param(options.type)}` : ""})`,
    );
    parts.push(
      `options AS (${direct} UNION ALL SELECT "type", "recordId", "slot", ${rankTiers.linked}, 0 FROM linked)`,
    );
  }
  if (options.actor) {
    parts.push(`chosen AS (SELECT ${cast(param(options.actor), "text")} AS "id")`);
    parts.push(`scope AS (
      SELECT 'actor' AS "type", "id" AS "recordId" FROM chosen
      UNION ${actorLinks(db, "chosen a", `a."id"`)}
    )`);
  }
  return parts;
}

function wanted(db: Database, query: PreparedQuery, param: Param, options: MatchOptions, text: boolean): string {
  const filters: string[] = [];
  if (options.complete) filters.push(`m."words" = ${query.slots.length}`);
  if (options.actor) filters.push(`(m."type", m."recordId") IN (SELECT "type", "recordId" FROM scope)`);
  if (text) filters.push(...recordFilters(db, query, param, "m"));
  return filters.length > 0 ? ` WHERE ${filters.join(" AND ")}` : "";
}

/**
 * The CTEs, to follow a WITH, ending in `matches` (type, recordId, words):
 * every record the query matches, unranked. Callers check canMatch first.
 */
export function matchedRecords(db: Database, query: PreparedQuery, param: Param, options: MatchOptions = {}): string {
  const parts = slotOptions(db, query, param, options);
  parts.push(`counted AS (
      SELECT "type", "recordId", count(DISTINCT "slot") AS "words" FROM options GROUP BY "type", "recordId"
    )`);
  parts.push(`matches AS (SELECT m.* FROM counted m${wanted(db, query, param, options, true)})`);
  return parts.join(",\n    ");
}

/**
 * The CTEs, to follow a WITH, ending in `ranked` (type, recordId, words, rank:
 * higher ranks first): every record the query matches, ranked as
 * src/search/rank.ts does in JavaScript, before its phrases and exclusions
 * (recordFilters), which the caller tests on the best first, until its page
 * is full: each reads the record's text. Callers check canMatch first.
 */
export function rankedMatches(db: Database, query: PreparedQuery, param: Param, options: MatchOptions = {}): string {
  const parts = slotOptions(db, query, param, options);
  const keysPerSlot = query.slots.map((_, slot) => query.expansions.filter((e) => e.slot === slot).length);
  const oneKeyEach = keysPerSlot.every((keys) => keys <= 1);
  if (oneKeyEach && options.namesActors === false) {
    // A record's every option is its one row for each slot it matches: one grouping.
    parts.push(`matched AS (
      SELECT "type", "recordId", count(*) AS "words", sum("tier") AS "tiers", ${slotOrderSum(query.slots.length)} AS "score"
      FROM options GROUP BY "type", "recordId"
    )`);
    return rankedFrom(db, query, param, options, parts);
  }
  if (oneKeyEach) {
    // With one key a slot, its best option is its best tier and its best score: the key's row, or
    // if the key is exact and the record lacks it, a link (its score 0). A typo names no actor.
    parts.push(`slots AS (
      SELECT "type", "recordId", "slot", max("tier") AS "tier", max("score") AS "score" FROM options
      GROUP BY "type", "recordId", "slot"
    )`);
  } else {
    // A slot's best option: its best tier, then the best score in that tier (four times the cost).
    parts.push(`tiers AS (
      SELECT o.*, max("tier") OVER (PARTITION BY "type", "recordId", "slot") AS "best" FROM options o
    )`);
    parts.push(`slots AS (
      SELECT "type", "recordId", "slot", max("tier") AS "tier", max("score") AS "score" FROM tiers
      WHERE "tier" = "best" GROUP BY "type", "recordId", "slot"
    )`);
  }
  parts.push(`matched AS (
      SELECT "type", "recordId", count(*) AS "words", sum("tier") AS "tiers", ${slotOrderSum(query.slots.length)} AS "score"
      FROM slots GROUP BY "type", "recordId"
    )`);
  return rankedFrom(db, query, param, options, parts);
}

/**
 * The sum of a record's scores, one row a slot, added in slot order as src/search/rank.ts adds
 * them. sum() adds in row order on PostgreSQL and compensated on SQLite: for three scores or
 * more the two can differ in the last digit, and a cursor at that record would then repeat or
 * skip it. Two add up alike in any order.
 */
const slotOrderSum = (slots: number) =>
  slots <= 2
    ? `sum("score")`
    : Array.from({ length: slots }, (_, slot) => `coalesce(max(CASE WHEN "slot" = ${slot} THEN "score" END), 0)`).join(
        " + ",
      );

function rankedFrom(db: Database, query: PreparedQuery, param: Param, options: MatchOptions, parts: string[]) {
  // Integer arithmetic for the tiers and a float only for the score: PostgreSQL reads 1000.0 as numeric,
  // several times slower than either.
  parts.push(`ranked AS (
      SELECT m."type", m."recordId", m."words", (m."words" * ${rankTiers.word} + m."tiers" + m."score" / (1 + m."score")) AS "rank"
      FROM matched m${wanted(db, query, param, options, false)}
    )`);
  return parts.join(",\n    ");
}
