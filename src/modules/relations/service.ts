// Pages through one of a record's lists (its evidence, members, participants...),
// which the record itself shows only the first `embeddedLimit` of.
import type { Database } from "../../db/database.js";
import { jsonSql, limitRows, parseJson } from "../../db/json-sql.js";
import { decodeCursor, positionKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import type { RelationList } from "../record-rows.js";

/** The record whose list is paged: its table, and its name in a 404. */
export interface ListOwner {
  table: string;
  resource: string;
}

export interface ListPageOptions {
  limit: number;
  cursor?: string | undefined;
}

/**
 * A page of the list `name` of the record `id`, in the order the record shows
 * it. The cursor is the position of the last item served: the lists are short
 * (a few per source), so numbering one costs little, and a keyset over each
 * list's own order (an implication's subjects first) would cost a cursor shape per list.
 */
export async function listRelation(
  db: Database,
  owner: ListOwner,
  name: string,
  list: RelationList,
  id: string,
  options: ListPageOptions,
) {
  const cursorList = `${owner.table}.${name}`;
  const after = decodeCursor(cursorList, options.cursor, positionKey)?.[0] ?? 0;
  const sql = jsonSql(db);
  const [exists, rows] = await Promise.all([
    db.queryRows(`SELECT 1 AS "found" FROM ${sql.table(owner.table)} WHERE "id" = ${sql.param(1)}`, [id]),
    db.queryRows<{ item: unknown; n: number | bigint | string }>(
      `SELECT x.j AS "item", x.n AS "n"
        FROM (SELECT ${list.item(sql)} AS j, ROW_NUMBER() OVER (ORDER BY ${list.orderBy}) AS n ${list.from(sql, sql.param(1))}) x
        WHERE x.n > ${sql.param(2)} ORDER BY x.n ${limitRows(options.limit + 1)}`,
      [id, after],
    ),
  ]);
  if (exists.length === 0) throw new NotFoundError(owner.resource, id);
  const page = toPage(cursorList, rows, options.limit, (row) => [Number(row.n)]);
  return { ...page, data: page.data.map((row) => parseJson(row.item)) };
}
