// The ids of a list page's candidates, in one SQL statement of the list's own
// filters. Through Prisma this read was compiled by its WebAssembly query
// compiler on every request and, on PostgreSQL, planned again by the server
// each time (Prisma sends unnamed statements); through `db.queryRows` it is a
// prepared statement, one per combination of filters.
import type { Database } from "../db/database.js";
import { jsonSql } from "../db/json-sql.js";

/** Gives the placeholder of a new parameter of the statement, holding `value`. */
export type Param = (value: unknown) => string;

export interface PageIdsQuery {
  /** The id column, ordered by, e.g. `ca."claimId"`. */
  id: string;
  /**
   * The tables read, with their aliases, e.g. `"Claim" c`. A link table comes
   * first, joined by CROSS JOIN (its condition in `where`): SQLite then reads
   * the link table by its index, in id order, where left to choose it may read
   * every record of a kind and sort them (PostgreSQL plans it as any join).
   */
  from: string;
  /** The filters' conditions; falsy entries are filters not given. */
  where: (param: Param) => (string | false | undefined)[];
  /** The cursor: ids after it. */
  after: string | undefined;
  take: number;
}

/** The first `take` ids, by id, that pass the filters, after the cursor. */
export async function pageIds(db: Database, query: PageIdsQuery): Promise<string[]> {
  const sql = jsonSql(db);
  const values: unknown[] = [];
  const param: Param = (value) => {
    values.push(value);
    return sql.param(values.length);
  };
  const conditions = query.where(param).filter((condition): condition is string => Boolean(condition));
  if (query.after !== undefined) conditions.push(`${query.id} > ${param(query.after)}`);
  const rows = await db.queryRows<{ id: string }>(
    `SELECT ${query.id} AS "id" FROM ${query.from}
     ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
     ORDER BY ${query.id} LIMIT ${param(query.take)}`,
    values,
  );
  return rows.map((row) => row.id);
}
