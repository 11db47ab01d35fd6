// What the one-statement record loaders (actors/, claims/ and
// implications/rows.ts) share: running a statement for a set of ids, and the
// references and evidence they build as JSON in the database.
import type { Database } from "../db/database.js";
import { type JsonSql, jsonSql, parseJson } from "../db/json-sql.js";

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

export interface Timestamps {
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The rows `statement` selects for these ids, at most `limit` of them. The
 * statement takes the ids (as JSON) as its first parameter and the limit as its
 * second; its `built` columns are JSON built by the database, and its
 * timestamps arrive as dates (PostgreSQL) or ISO text (SQLite).
 */
export async function loadRows<Row extends Timestamps>(
  db: Database,
  ids: string[],
  limit: number,
  built: readonly (keyof Row & string)[],
  statement: (sql: JsonSql) => string,
): Promise<Row[]> {
  if (ids.length === 0 || limit <= 0) return [];
  const rows = await db.queryRows<Record<string, unknown>>(statement(jsonSql(db)), [JSON.stringify(ids), limit]);
  return rows.map((row) => {
    const parsed: Record<string, unknown> = {
      ...row,
      createdAt: new Date(row.createdAt as Date | string),
      updatedAt: new Date(row.updatedAt as Date | string),
    };
    for (const column of built) parsed[column] = parseJson(row[column]);
    return parsed as unknown as Row;
  });
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
