// What the one-statement record loaders (actors/, claims/ and
// implications/rows.ts) share: the statement that reads a set of records by id
// with their relations, and the references and evidence they build as JSON in
// the database.
import type { Database } from "../db/database.js";
import { type JsonSql, jsonSql, parseJson } from "../db/json-sql.js";
import { embeddedLimit } from "./record-refs.js";

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

/** A record's list of related items: how to build one item's JSON, in which order, from which rows. */
export interface RelationList {
  item: (sql: JsonSql) => string;
  orderBy: string;
  /** `FROM … WHERE …`: the items of the record whose id is the SQL expression `owner`. */
  from: (sql: JsonSql, owner: string) => string;
}

/** What every loaded record has: its timestamps, its provenance, and the names of its lists cut at `embeddedLimit`. */
export interface RecordRow extends Timestamps {
  id: string;
  sourceCount: number;
  /** JSON (assertions/schemas.ts reads it). */
  conflicts: string;
  cut: string[];
}

/** How a loader reads its records: the record's own columns, and its relations built as JSON. */
export interface RecordSelect<Row> {
  table: string;
  /** The alias the relations' SQL names the record's row by. */
  alias: string;
  /** The record's own columns, besides its id and timestamps. */
  columns: readonly (keyof Row & string)[];
  /** Each single relation's JSON (an actor it acts for...), as an SQL expression over the record's row. */
  relations?: (sql: JsonSql) => Partial<Record<keyof Row & string, string>>;
  /** Its lists, each embedded up to `embeddedLimit` items. */
  lists: Partial<Record<keyof Row & string, RelationList>>;
  /** The record's columns the records (and the limit) follow, the last one unique; by id if not given. */
  orderBy?: readonly (keyof Row & string)[];
  /** Its DateTime columns among `columns`, read as dates like the timestamps (a null stays null). */
  dates?: readonly (keyof Row & string)[];
}

/**
 * The records with these ids, in `select.orderBy` order, at most `limit` of
 * them, in one statement, each list holding at most `embedded` items (all of
 * them when null). DateTime columns arrive as dates (PostgreSQL) or ISO
 * text (SQLite), and are read as dates.
 */
export async function loadRows<Row extends RecordRow>(
  db: Database,
  ids: string[],
  limit: number,
  select: RecordSelect<Row>,
  embedded: number | null,
): Promise<Row[]> {
  if (ids.length === 0 || limit <= 0) return [];
  const sql = jsonSql(db);
  const a = select.alias;
  const owner = `${a}."id"`;
  // One more than shown, to know whether a list was cut.
  const lists = Object.entries(select.lists).map(([name, list]) => {
    const { item, orderBy, from } = list as RelationList;
    return [name, sql.array(item(sql), orderBy, from(sql, owner), embedded === null ? undefined : embedded + 1)];
  });
  const relations = [...Object.entries(select.relations?.(sql) ?? {}), ...lists];
  const columns = ["id", ...select.columns, "sourceCount", "conflicts", "createdAt", "updatedAt"].map(
    (column) => `${a}."${column}"`,
  );
  const statement = `SELECT ${[...columns, ...relations.map(([name, json]) => `${json} AS "${name}"`)].join(", ")}
    FROM ${sql.table(select.table)} ${a}
    WHERE ${sql.isOneOf(`${a}."id"`, sql.param(1))}
    ORDER BY ${(select.orderBy ?? ["id"]).map((column) => `${a}."${column}"`).join(", ")} LIMIT ${sql.param(2)}`;
  const rows = await db.queryRows<Record<string, unknown>>(statement, [JSON.stringify(ids), limit]);
  const dates = ["createdAt", "updatedAt", ...(select.dates ?? [])];
  return rows.map((row) => {
    const parsed: Record<string, unknown> = { ...row };
    for (const name of dates) {
      const value = row[name] as Date | string | null;
      parsed[name] = value === null ? null : new Date(value);
    }
    for (const [name] of relations) parsed[name] = parseJson(row[name]);
    const cut: string[] = [];
    for (const [name] of lists) {
      const items = parsed[name as string] as unknown[];
      if (embedded === null || items.length <= embedded) continue;
      parsed[name as string] = items.slice(0, embedded);
      cut.push(name as string);
    }
    parsed.cut = cut;
    return parsed as unknown as Row;
  });
}

/**
 * A loader of one kind of record: the records with these ids, in its order, at
 * most `limit` of them, each list of at most `embedded` items (null: all).
 */
export const recordLoader =
  <Row extends RecordRow>(select: RecordSelect<Row>) =>
  (db: Database, ids: string[], limit = ids.length, embedded: number | null = embeddedLimit) =>
    loadRows<Row>(db, ids, limit, select, embedded);

/** An actor's reference, from the actor row aliased `alias`. */
export const actorRefJson = (sql: JsonSql, alias: string) =>
  sql.object({ id: `${alias}."id"`, name: `${alias}."name"` });

/** The evidence passages (with their source) whose `column` names the record, e.g. `claimId`, by id. */
export const evidenceList = (column: string): RelationList => ({
  item: (sql) =>
    sql.object({
      id: `e."id"`,
      source: sql.object({ id: `s."id"`, title: `s."title"` }),
      quote: `e."quote"`,
      start: `e."start"`,
      end: `e."end"`,
    }),
  orderBy: `e."id"`,
  from: (sql, owner) =>
    `FROM ${sql.table("Evidence")} e JOIN ${sql.table("Source")} s ON s."id" = e."sourceId" WHERE e."${column}" = ${owner}`,
});
