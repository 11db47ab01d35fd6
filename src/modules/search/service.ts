// Full-text search through the database's own engine: SQLite FTS5 with bm25
// ranking, or PostgreSQL tsvector with ts_rank_cd. Hits are paged by keyset on
// (rank, type, id), so the order is total and cursors stay stable.
import { type Database, rawTable } from "../../db/database.js";
import { decodeCursor, rankKey, toPage } from "../../http/pagination.js";
import { fts5Query, highlightSnippet, searchTerms, snippetMarks, tsQuery } from "./full-text-query.js";
import type { SearchHit } from "./schemas.js";

interface HitRow {
  type: SearchHit["type"];
  recordId: string;
  title: string;
  snippet: string;
  /** Lower is better in both engines (bm25, negated ts_rank_cd), so ascending order ranks. */
  relevance: number;
}

interface SearchOptions {
  q: string;
  type?: SearchHit["type"] | undefined;
  limit: number;
  cursor?: string | undefined;
}

const list = "search";

export async function search(db: Database, options: SearchOptions) {
  const terms = searchTerms(options.q);
  const after = decodeCursor(list, options.cursor, rankKey);
  if (terms.length === 0) return { data: [], page: { limit: options.limit, nextCursor: null } };
  const rows = await queryHits(db, terms, options.type, after, options.limit + 1);
  const page = toPage(list, rows, options.limit, (row) => [Number(row.relevance), row.type, row.recordId]);
  return {
    ...page,
    data: page.data.map((row) => ({
      type: row.type,
      id: row.recordId,
      title: row.title,
      snippet: highlightSnippet(row.snippet),
      score: -Number(row.relevance),
    })),
  };
}

/** Ids of records of one type matching `q`, for the `q` filter of lists. */
export async function matchingIds(db: Database, type: SearchHit["type"], q: string): Promise<string[]> {
  const terms = searchTerms(q);
  if (terms.length === 0) return [];
  if (db.location.provider === "sqlite") {
    const rows = await db.prisma.$queryRawUnsafe<{ recordId: string }[]>(
      `SELECT d."recordId" FROM "SearchIndex" JOIN "SearchDocument" d ON d.rowid = "SearchIndex".rowid
       WHERE "SearchIndex" MATCH ? AND d."type" = ?`,
      fts5Query(terms),
      type,
    );
    return rows.map((r) => r.recordId);
  }
  const rows = await db.prisma.$queryRawUnsafe<{ recordId: string }[]>(
    `SELECT "recordId" FROM ${rawTable(db, "SearchDocument")} WHERE "searchVector" @@ to_tsquery('english', $1) AND "type" = $2`,
    tsQuery(terms),
    type,
  );
  return rows.map((r) => r.recordId);
}

async function queryHits(
  db: Database,
  terms: string[],
  type: SearchHit["type"] | undefined,
  after: (string | number)[] | undefined,
  take: number,
): Promise<HitRow[]> {
  // The relevance travels as text and is cast in SQL: a float bound as a number
  // parameter loses digits on the way, and the keyset comparison must be exact.
  const relevance = db.location.provider === "sqlite" ? "CAST(? AS REAL)" : "?::float8";
  const keyset = `("relevance" > ${relevance} OR ("relevance" = ${relevance} AND ("type" > ? OR ("type" = ? AND "recordId" > ?))))`;
  const afterParams = after ? [String(after[0]), String(after[0]), after[1], after[1], after[2]] : [];
  if (db.location.provider === "sqlite") {
    const sql = `SELECT * FROM (
        SELECT d."type", d."recordId", d."title",
          snippet("SearchIndex", -1, '${snippetMarks.start}', '${snippetMarks.end}', '…', 16) AS "snippet",
          bm25("SearchIndex", 4.0, 1.0) AS "relevance"
        FROM "SearchIndex" JOIN "SearchDocument" d ON d.rowid = "SearchIndex".rowid
        WHERE "SearchIndex" MATCH ?${type ? ` AND d."type" = ?` : ""}
      ) WHERE ${after ? keyset : "1 = 1"}
      ORDER BY "relevance", "type", "recordId" LIMIT ?`;
    return db.prisma.$queryRawUnsafe<HitRow[]>(sql, fts5Query(terms), ...(type ? [type] : []), ...afterParams, take);
  }
  const params: unknown[] = [
    tsQuery(terms),
    `StartSel=${snippetMarks.start}, StopSel=${snippetMarks.end}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`,
  ];
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const typeFilter = type ? ` AND "type" = ${next(type)}` : "";
  const keysetFilter = after ? keyset.replace(/\?/g, () => next(afterParams.shift())) : "1 = 1";
  // The headline is computed in the outer query, so only for the rows of the page.
  const sql = `SELECT "type", "recordId", "title", ts_headline('english', "title" || E'\\n' || "body", query, $2) AS "snippet", "relevance"
    FROM (
      SELECT "type", "recordId", "title", "body", query,
        (-ts_rank_cd("searchVector", query))::float8 AS "relevance"
      FROM ${rawTable(db, "SearchDocument")}, to_tsquery('english', $1) AS query
      WHERE "searchVector" @@ query${typeFilter}
    ) AS hits WHERE ${keysetFilter}
    ORDER BY "relevance", "type", "recordId" LIMIT ${next(take)}`;
  return db.prisma.$queryRawUnsafe<HitRow[]>(sql, ...params);
}
