// What the one-statement record loaders (claims/rows.ts, implications/rows.ts)
// share: references and evidence built as JSON by the database.
import type { JsonSql } from "../db/json-sql.js";

export interface ActorRefRow {
  id: string;
  name: string;
}

export interface EvidenceRow {
  id: string;
  source: { id: string; title: string };
  quote: string;
  start: number;
  end: number;
}

/** An actor's reference, from the actor row aliased `alias`. */
export const actorRefJson = (sql: JsonSql, alias: string) =>
  sql.object({ id: `${alias}."id"`, name: `${alias}."name"` });

/** The evidence passages (with their source) where `owner` holds, e.g. `e."claimId" = c."id"`, by id. */
export const evidenceJson = (sql: JsonSql, owner: string) =>
  sql.array(
    sql.object({
      id: `e."id"`,
      source: sql.object({ id: `s."id"`, title: `s."title"` }),
      quote: `e."quote"`,
      start: `e."start"`,
      end: `e."end"`,
    }),
    `e."id"`,
    `FROM ${sql.table("Evidence")} e JOIN ${sql.table("Source")} s ON s."id" = e."sourceId" WHERE ${owner}`,
  );

/** Timestamps arrive as dates (PostgreSQL) or ISO text (SQLite). */
export const toDate = (value: Date | string) => new Date(value);
