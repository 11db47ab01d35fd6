// A page of ranked records, from SQL that ranks them (src/search/matching.ts,
// src/search/top-matches.ts): the records after a cursor, best first, that hold
// the query's phrases and none of its exclusions. Those filters read each
// record's text, so they are tested in rank order until the page is full,
// rather than on every match.
import { type Database, rawTable } from "../db/database.js";
import { limitRows, type Param, statementParams } from "../db/json-sql.js";
import type { PreparedQuery } from "./expansion.js";
import { recordFilters } from "./matching.js";
import type { TopMatch } from "./top-matches.js";

/**
 * `ranked`: CTEs, to follow a WITH, ending in `ranked` (type, recordId, words,
 * rank), written with `param`. `after`: the cursor's (rank, type, recordId).
 */
export async function pageOfRanked(
  db: Database,
  query: PreparedQuery,
  ranked: (param: Param) => string,
  limit: number,
  after: [number, string, string] | undefined,
): Promise<TopMatch[]> {
  // The filters are tested on the best matches first: a few pages' worth, sorted by a top-n sort,
  // which pass often enough; when too few of those pass, on every match, sorted in full.
  const first = await statement(db, query, ranked, limit, after, (limit + 1) * 8);
  if (first.rows.length > limit || first.tested < (limit + 1) * 8) return first.rows;
  return (await statement(db, query, ranked, limit, after, 2 ** 31 - 1)).rows;
}

async function statement(
  db: Database,
  query: PreparedQuery,
  ranked: (param: Param) => string,
  limit: number,
  after: [number, string, string] | undefined,
  tested: number,
): Promise<{ rows: TopMatch[]; tested: number }> {
  const { values, param } = statementParams(db);
  const ctes = ranked(param);
  // The rank travels as text and is cast in SQL: a float bound as a number
  // parameter loses digits on the way, and the keyset comparison must be exact.
  const exact = (value: unknown) =>
    db.location.provider === "sqlite" ? `CAST(${param(value)} AS REAL)` : `${param(value)}::float8`;
  const keyset = after
    ? `WHERE ("rank" < ${exact(String(after[0]))} OR ("rank" = ${exact(String(after[0]))} AND ("type" > ${param(after[1])} OR ("type" = ${param(after[1])} AND "recordId" > ${param(after[2])}))))`
    : "";
  const order = `ORDER BY "rank" DESC, "type", "recordId"`;
  const filters = recordFilters(db, query, param, "s", true);
  // As scalar subqueries the filters are tested row by row in the order of the rows they are
  // given, which the page keeps (the statement sorts it again below).
  const page =
    filters.length === 0
      ? `tested AS (SELECT 1 WHERE 1 = 0), page AS (SELECT * FROM ranked ${keyset} ${order} ${limitRows(limit + 1)})`
      : `tested AS (SELECT * FROM ranked ${keyset} ${order} ${limitRows(tested)}),
        page AS (SELECT * FROM tested s WHERE ${filters.join(" AND ")} ${limitRows(limit + 1)})`;
  const sql = `WITH ${ctes},
    ${page}
    SELECT page."type", page."recordId", page."rank", page."words", d."title", d."body", (SELECT count(*) FROM tested) AS "tested"
    FROM page JOIN ${rawTable(db, "SearchDocument")} d ON d."type" = page."type" AND d."recordId" = page."recordId"
    ORDER BY page."rank" DESC, page."type", page."recordId"`;
  // Planned for its keys each time: their rows, and so the best plan, differ by orders of magnitude.
  const rows = await db.queryRows<
    Omit<TopMatch, "words" | "rank"> & { words: number | bigint; rank: number; tested: number | bigint }
  >(sql, values, { planEach: true });
  return {
    rows: rows.map(({ tested: _, ...row }) => ({ ...row, rank: Number(row.rank), words: Number(row.words) })),
    tested: filters.length === 0 ? 0 : Number(rows[0]?.tested ?? tested),
  };
}
