// The ids of a list page's candidates, in one SQL statement of the list's own
// filters. Through Prisma this read was compiled by its WebAssembly query
// compiler on every request and, on PostgreSQL, planned again by the server
// each time (Prisma sends unnamed statements); through `db.queryRows` it is a
// prepared statement, one per combination of filters.
import { parsePartialDate, periodEnd } from "../content/partial-date.js";
import type { Database } from "../db/database.js";
import { jsonSql, limitRows, type Param, statementParams } from "../db/json-sql.js";

export interface PageIdsQuery {
  /** The records' table, and the alias the conditions name its row by. */
  table: string;
  alias: string;
  /**
   * An actor filter: the records linked to `actorId` in a link table, read by
   * its (actorId, record id) index, in id order, so a page costs the same
   * however many records there are. `column` is the link's record id.
   */
  link?: { table: string; alias: string; column: string; actorId: string } | undefined;
  /** The filters' conditions; falsy entries are filters not given. */
  where: (param: Param) => (string | false | undefined)[];
  /** The cursor: ids after it. */
  after: string | undefined;
  take: number;
}

/** The first `take` ids, by id, that pass the filters, after the cursor. */
export async function pageIds(db: Database, query: PageIdsQuery): Promise<string[]> {
  const sql = jsonSql(db);
  const { values, param } = statementParams(db);
  const { alias, link } = query;
  const records = `${sql.table(query.table)} ${alias}`;
  const id = link ? `${link.alias}."${link.column}"` : `${alias}."id"`;
  // CROSS JOIN, the link table first: SQLite then reads the link table by its
  // index, in id order, where left to choose it may read every record of a kind
  // and sort them (PostgreSQL plans it as any join).
  const from = link ? `${sql.table(link.table)} ${link.alias} CROSS JOIN ${records}` : records;
  const conditions = [
    ...(link ? [`${alias}."id" = ${id}`, `${link.alias}."actorId" = ${param(link.actorId)}`] : []),
    ...query.where(param).filter((condition): condition is string => Boolean(condition)),
  ];
  if (query.after !== undefined) conditions.push(`${id} > ${param(query.after)}`);
  const rows = await db.queryRows<{ id: string }>(
    `SELECT ${id} AS "id" FROM ${from}
     ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
     ORDER BY ${id} ${limitRows(query.take)}`,
    values,
  );
  return rows.map((row) => row.id);
}

export interface DatedIdsQuery {
  /** The records' table, with `dateStart` and `dateEnd` columns, and the alias the conditions name its row by. */
  table: string;
  alias: string;
  /** The filters' conditions; falsy entries are filters not given. */
  where: (param: Param) => (string | false | undefined)[];
  /** Only records dated within these partial dates (their first instants). */
  from?: string | undefined;
  to?: string | undefined;
  /** The cursor: the last record's end of period and id. */
  after: [string, string] | undefined;
  take: number;
}

/**
 * The first `take` ids in (end of period, id) order: the timeline's. With an
 * index that leads with the equality filters then (dateEnd, id), a page costs
 * what a page costs.
 */
export async function datedIds(db: Database, query: DatedIdsQuery): Promise<string[]> {
  const sql = jsonSql(db);
  const { values, param } = statementParams(db);
  const { alias, after } = query;
  const end = `${alias}."dateEnd"`;
  const conditions = [
    ...query.where(param),
    query.from && `${alias}."dateStart" >= ${sql.instant(param, parsePartialDate(query.from).date)}`,
    query.to && `${alias}."dateStart" < ${sql.instant(param, periodEnd(query.to))}`,
    after &&
      `(${end} > ${sql.instant(param, new Date(after[0]))} OR (${end} = ${sql.instant(param, new Date(after[0]))} AND ${alias}."id" > ${param(after[1])}))`,
  ].filter((condition): condition is string => Boolean(condition));
  const rows = await db.queryRows<{ id: string }>(
    `SELECT ${alias}."id" AS "id" FROM ${sql.table(query.table)} ${alias}
     ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
     ORDER BY ${end}, ${alias}."id" ${limitRows(query.take)}`,
    values,
  );
  return rows.map((row) => row.id);
}
