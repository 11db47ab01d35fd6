// The records a prepared query matches, ranked, as SQL common table
// expressions both databases run alike. A record matches a slot (one word of
// the query) when it holds one of the slot's keys, or when it is about or by
// an actor one of whose names holds the word exactly (claims about or spoken
// by it, implications for it, events it took part in). Records are ranked by,
// in turn: how many slots they match (so records matching every word come
// first, then those matching most of them: Meilisearch's matchingStrategy
// "last"), fewer typos, fewer slots matched only through an actor, and the
// BM25 score of their direct matches. Every match is ranked: the work is the
// index rows of the query's keys (and the links of the actors it names), not
// a sample of them.
import { type Database, rawTable } from "../db/database.js";
import type { Param } from "../db/json-sql.js";
import type { PreparedQuery } from "./expansion.js";

export interface MatchOptions {
  /** Only records of this type. */
  type?: string | undefined;
  /** Only the actor itself and records about or by it. */
  actor?: string | undefined;
  /** Only records matching every slot (the `q` filter of lists). */
  complete?: boolean;
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
 * `q`, `direct`, `named`, `linked`, `slots`, (`chosen`, `scope`,) `matched` and
 * `ranked` (type, recordId, words, typos, via, score, rank: higher ranks
 * first), to follow a WITH. Callers check canMatch first. The text is built
 * in the order it reads, as SQLite numbers its parameters so.
 */
export function rankedMatches(db: Database, query: PreparedQuery, param: Param, options: MatchOptions = {}): string {
  const sqlite = db.location.provider === "sqlite";
  const cast = (sql: string, type: string) => (sqlite ? sql : `${sql}::${type}`);
  const terms = rawTable(db, "SearchTerm");
  const documents = rawTable(db, "SearchDocument");
  const parts: string[] = [];
  const values = query.expansions.map((e, i) => {
    const typed = (value: unknown, type: string) => (i === 0 ? cast(param(value), type) : param(value));
    return `(${typed(e.slot, "int")}, ${typed(e.term, "text")}, ${typed(e.typos, "int")}, ${typed(e.boost, "float8")})`;
  });
  parts.push(`q ("slot", "term", "typos", "boost") AS (VALUES ${values.join(", ")})`);
  // Every index row of the query's keys, grouped once below with the linked records: each
  // grouping of the matches costs about as much as reading them.
  parts.push(`direct AS (
      SELECT t."type", t."recordId", q."slot", q."typos", q."boost" * t."weight" AS "score"
      FROM q JOIN ${terms} t ON t."term" = q."term"${options.type ? ` AND t."type" = ${param(options.type)}` : ""}
    )`);
  parts.push(`named AS (
      SELECT DISTINCT t."recordId" AS "actorId", q."slot" FROM q JOIN ${terms} t ON t."term" = q."term"
      WHERE t."type" = 'actor' AND t."naming" = ${sqlite ? "1" : "true"} AND q."typos" = 0
    )`);
  parts.push(
    `linked AS (SELECT * FROM (${actorLinks(db, "named n", `n."actorId"`, `n."slot" AS "slot"`)}) l${options.type ? ` WHERE "type" = ${param(options.type)}` : ""})`,
  );
  parts.push(`slots AS (
      SELECT "type", "recordId", "slot", min("typos") AS "typos", max("score") AS "score", min("via") AS "via" FROM (
        SELECT "type", "recordId", "slot", "typos", "score", 0 AS "via" FROM direct
        UNION ALL SELECT "type", "recordId", "slot", 0, 0, 1 FROM linked
      ) s GROUP BY "type", "recordId", "slot"
    )`);
  if (options.actor) {
    parts.push(`chosen AS (SELECT ${cast(param(options.actor), "text")} AS "id")`);
    parts.push(`scope AS (
      SELECT 'actor' AS "type", "id" AS "recordId" FROM chosen
      UNION ${actorLinks(db, "chosen a", `a."id"`)}
    )`);
  }
  // One word: a record's one slot is its match, with no second grouping.
  parts.push(
    query.slots.length === 1
      ? `matched AS (SELECT "type", "recordId", 1 AS "words", "typos", "via", "score" FROM slots)`
      : `matched AS (
      SELECT "type", "recordId", count(*) AS "words", sum("typos") AS "typos", sum("via") AS "via", sum("score") AS "score"
      FROM slots GROUP BY "type", "recordId"
    )`,
  );
  const filters: string[] = [];
  if (options.complete) filters.push(`m."words" = ${query.slots.length}`);
  if (options.actor) filters.push(`(m."type", m."recordId") IN (SELECT "type", "recordId" FROM scope)`);
  if (query.excludedKeys.length > 0)
    filters.push(`NOT EXISTS (SELECT 1 FROM ${terms} x WHERE x."type" = m."type" AND x."recordId" = m."recordId"
      AND x."term" IN (${query.excludedKeys.map((key) => param(key)).join(", ")}))`);
  const holds = (phrase: string) => `${sqlite ? "instr" : "strpos"}(d."folded", ${param(phrase)}) > 0`;
  const textFilters = [...query.phrases.map(holds), ...query.excludedPhrases.map((phrase) => `NOT ${holds(phrase)}`)];
  if (textFilters.length > 0)
    filters.push(`EXISTS (SELECT 1 FROM ${documents} d WHERE d."type" = m."type" AND d."recordId" = m."recordId"
      AND ${textFilters.join(" AND ")})`);
  // Integer arithmetic for the tiers and a float only for the score: PostgreSQL reads 1000.0 as numeric,
  // several times slower than either.
  parts.push(`ranked AS (
      SELECT m.*, (m."words" * 100000 - m."typos" * 1000 - m."via" * 10 + m."score" / (1 + m."score")) AS "rank"
      FROM matched m${filters.length > 0 ? ` WHERE ${filters.join(" AND ")}` : ""}
    )`);
  return parts.join(",\n    ");
}
