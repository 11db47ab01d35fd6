// SQL that builds JSON in the database, spelled for each engine, so that one
// statement can return records with their relations nested in them.
import { type Database, rawTable } from "./database.js";

export interface JsonSql {
  /** A quoted, schema-qualified table name. */
  table(name: string): string;
  /** A JSON object of these keys and SQL expressions. */
  object(fields: Record<string, string>): string;
  /**
   * A JSON array of `item` over `from` (`FROM … WHERE …`), ordered, of at most
   * `limit` items when given; `[]` when there are no rows.
   */
  array(item: string, orderBy: string, from: string, limit?: number): string;
  /**
   * `column` is one of the ids passed, as a JSON array, in the parameter of this
   * placeholder; on PostgreSQL as an array evaluated once, which its planner reads by index.
   */
  isOneOf(column: string, placeholder: string): string;
  /** A parameter compared with DateTime columns as Prisma stores them: UTC, to the millisecond. */
  instant(param: Param, date: Date): string;
  /** The placeholder of the statement's n-th parameter (from 1). */
  param(n: number): string;
}

export function jsonSql(db: Pick<Database, "location">): JsonSql {
  const sqlite = db.location.provider === "sqlite";
  const object = (fields: Record<string, string>) =>
    `${sqlite ? "json_object" : "json_build_object"}(${Object.entries(fields)
      .map(([key, value]) => `'${key}', ${value}`)
      .join(", ")})`;
  return {
    table: (name) => rawTable(db, name),
    object,
    array: (item, orderBy, from, limit) => {
      if (limit === undefined) {
        return sqlite
          ? `(SELECT json_group_array(${item} ORDER BY ${orderBy}) ${from})`
          : `COALESCE((SELECT json_agg(${item} ORDER BY ${orderBy}) ${from}), '[]'::json)`;
      }
      // The first `limit` items in a subquery, numbered so the aggregate keeps
      // their order; SQLite's subquery hands back text, which json() makes JSON again.
      const items = `(SELECT ${item} AS j, ROW_NUMBER() OVER (ORDER BY ${orderBy}) AS n ${from} ORDER BY n ${limitRows(limit)}) x`;
      return sqlite
        ? `(SELECT json_group_array(json(x.j) ORDER BY x.n) FROM ${items})`
        : `COALESCE((SELECT json_agg(x.j ORDER BY x.n) FROM ${items}), '[]'::json)`;
    },
    isOneOf: (column, placeholder) =>
      sqlite
        ? `${column} IN (SELECT value FROM json_each(${placeholder}))`
        : `${column} = ANY(ARRAY(SELECT json_array_elements_text(${placeholder}::json)))`,
    // On SQLite, the text Prisma's driver adapter writes for a DateTime (its
    // default "iso8601" format), which orders as the instants do. PostgreSQL's
    // TIMESTAMP holds UTC wall time, which a cast of the ISO string gives whatever the session's zone.
    instant: (param, date) => (sqlite ? param(sqliteDateTime(date)) : `${param(date.toISOString())}::timestamp`),
    param: (n) => (sqlite ? "?" : `$${n}`),
  };
}

/** A DateTime as Prisma's SQLite driver adapter writes it (its default "iso8601" format). */
export const sqliteDateTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Gives the placeholder of a new parameter of the statement, holding `value`. */
export type Param = (value: unknown) => string;

/**
 * A statement's parameters, collected as its SQL is written: `param(value)`
 * keeps the value (after any `values` given) and gives its placeholder.
 */
export function statementParams(
  db: Pick<Database, "location">,
  values: unknown[] = [],
): { values: unknown[]; param: Param } {
  const sqlite = db.location.provider === "sqlite";
  return {
    values,
    param: (value) => {
      values.push(value);
      return sqlite ? "?" : `$${values.length}`;
    },
  };
}

/** SQLite returns built JSON as text, PostgreSQL's driver as values. */
export const parseJson = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

/**
 * `LIMIT n`, written into the statement rather than bound as a parameter.
 * PostgreSQL may plan a prepared statement once for all its parameters, and
 * with the limit unknown it can read a whole index in order where looking up a
 * few rows and sorting them would do (a rare source's claims at scale 1,000:
 * 27 ms against 1.4 ms). A page size is one of a hundred values, so the
 * statements stay few.
 */
export function limitRows(take: number): string {
  if (!Number.isSafeInteger(take) || take < 0) throw new Error(`limitRows: not a row count: ${take}`);
  return `LIMIT ${take}`;
}
