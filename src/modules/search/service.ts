// Full-text search through the database's own engine: SQLite FTS5 with bm25
// ranking, or PostgreSQL tsvector with ts_rank_cd. Ranking scores every
// candidate, so its cost follows the number of matches: a common word in a
// large knowledge base would be scored tens of thousands of times per page.
// Candidates are therefore bounded: the `maxRanked` most recently indexed
// matches (SQLite: the highest rowids, read in order from the full-text index;
// PostgreSQL: the highest "insertOrder", an identity column, from its index),
// and the response says when more matched. Hits are paged by keyset on (rank,
// type, id), so the order is total and cursors stay stable.
import { type Database, rawTable } from "../../db/database.js";
import { limitRows, type Param, statementParams } from "../../db/json-sql.js";
import { decodeCursor, rankKey, toPage } from "../../http/pagination.js";
import { fts5Query, highlightSnippet, searchTerms, snippetMarks, tsQuery } from "./full-text-query.js";
import type { SearchHit } from "./schemas.js";

interface HitRow {
  /** How many candidates matched (up to maxRanked + 1); on every row, and alone on an empty page. */
  matched: number | bigint;
  type: SearchHit["type"] | null;
  recordId: string | null;
  title: string | null;
  snippet: string | null;
  /** Lower is better in both engines (bm25, negated ts_rank_cd), so ascending order ranks. */
  relevance: number | null;
}

interface SearchOptions {
  q: string;
  type?: SearchHit["type"] | undefined;
  limit: number;
  cursor?: string | undefined;
  /** How many matches are ranked at most. */
  maxRanked: number;
}

type Hit = HitRow & { type: SearchHit["type"]; recordId: string; title: string; snippet: string; relevance: number };

const list = "search";

export async function search(db: Database, options: SearchOptions) {
  const terms = searchTerms(options.q);
  const after = decodeCursor(list, options.cursor, rankKey);
  if (terms.length === 0)
    return { data: [], page: { limit: options.limit, nextCursor: null }, matches: { ranked: 0, limited: false } };
  const rows = await queryHits(db, terms, { ...options, after });
  const matched = Number(rows[0]?.matched ?? 0);
  const hits = rows.filter((row): row is Hit => row.recordId !== null);
  const page = toPage(list, hits, options.limit, (row) => [Number(row.relevance), row.type, row.recordId]);
  return {
    ...page,
    data: page.data.map((row) => ({
      type: row.type,
      id: row.recordId,
      title: row.title,
      snippet: highlightSnippet(row.snippet),
      score: -Number(row.relevance),
    })),
    matches: { ranked: Math.min(matched, options.maxRanked), limited: matched > options.maxRanked },
  };
}

/**
 * The `q` filter of lists: the condition that `column`, the id of a record of
 * `type`, is one of the records matching `q`. It goes in the list's own
 * statement, so the database intersects the matches with the other filters
 * and pages them in one pass, however many records match. On SQLite the
 * matches' rowids are read from the full-text index once, and the type's ids
 * from the document table's (type, recordId) key, which holds the rowid: no
 * document is read.
 */
export function matchesText(db: Database, type: SearchHit["type"], q: string, column: string, param: Param): string {
  const terms = searchTerms(q);
  if (terms.length === 0) return "1 = 0";
  const documents = rawTable(db, "SearchDocument");
  if (db.location.provider === "sqlite") {
    return `${column} IN (SELECT d."recordId" FROM ${documents} d WHERE d."type" = ${param(type)}
      AND d.rowid IN (SELECT rowid FROM "SearchIndex" WHERE "SearchIndex" MATCH ${param(fts5Query(terms))}))`;
  }
  return `${column} IN (SELECT d."recordId" FROM ${documents} d WHERE d."type" = ${param(type)}
    AND d."searchVector" @@ to_tsquery('english', ${param(tsQuery(terms))}))`;
}

/**
 * One statement: the candidates (one more than are ranked, to learn whether
 * more matched), their rank, the requested page of them, and the count, which
 * an empty page still carries (a LEFT JOIN from the count).
 */
async function queryHits(
  db: Database,
  terms: string[],
  options: SearchOptions & { after: (string | number)[] | undefined },
): Promise<HitRow[]> {
  const { type, after, maxRanked } = options;
  const take = options.limit + 1;
  // The relevance travels as text and is cast in SQL: a float bound as a number
  // parameter loses digits on the way, and the keyset comparison must be exact.
  const relevance = db.location.provider === "sqlite" ? "CAST(? AS REAL)" : "?::float8";
  const keyset = `("relevance" > ${relevance} OR ("relevance" = ${relevance} AND ("type" > ? OR ("type" = ? AND "recordId" > ?))))`;
  const afterParams = after ? [String(after[0]), String(after[0]), after[1], after[1], after[2]] : [];
  const finish = (
    snippet: string,
    keysetSql: string | undefined,
  ) => `counted AS (SELECT count(*) AS "matched" FROM candidates),
    page AS (
      SELECT * FROM ranked WHERE "n" <= ${maxRanked} AND ${keysetSql ?? "1 = 1"}
      ORDER BY "relevance", "type", "recordId" ${limitRows(take)}
    )
    SELECT counted."matched", page."type", page."recordId", page."title", ${snippet} AS "snippet", page."relevance"
    FROM counted LEFT JOIN page ON 1 = 1
    ORDER BY page."relevance", page."type", page."recordId"`;
  if (db.location.provider === "sqlite") {
    // The snippet is made while the full-text cursor is on the row, so for every
    // candidate: at most maxRanked of them, and a second MATCH per page row would cost more.
    const sql = `WITH candidates AS (
        SELECT "SearchIndex".rowid AS "docRow", bm25("SearchIndex", 4.0, 1.0) AS "relevance",
          snippet("SearchIndex", -1, '${snippetMarks.start}', '${snippetMarks.end}', '…', 16) AS "snippet"
        FROM "SearchIndex"${type ? ` JOIN "SearchDocument" t ON t.rowid = "SearchIndex".rowid` : ""}
        WHERE "SearchIndex" MATCH ?${type ? ` AND t."type" = ?` : ""}
        ORDER BY "SearchIndex".rowid DESC ${limitRows(maxRanked + 1)}
      ),
      ranked AS (
        SELECT c.*, d."type", d."recordId", d."title", row_number() OVER (ORDER BY c."docRow" DESC) AS "n"
        FROM candidates c JOIN "SearchDocument" d ON d.rowid = c."docRow"
      ),
      ${finish('page."snippet"', after && keyset)}`;
    return db.queryRows<HitRow>(sql, [fts5Query(terms), ...(type ? [type] : []), ...afterParams]);
  }
  const { values: params, param: next } = statementParams(db, [
    tsQuery(terms),
    `StartSel=${snippetMarks.start}, StopSel=${snippetMarks.end}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`,
  ]);
  const typeFilter = type ? ` AND "type" = ${next(type)}` : "";
  const keysetSql = after && keyset.replace(/\?/g, () => next(afterParams.shift()));
  const recency = `"insertOrder" DESC`;
  // The headline is computed last, so only for the rows of the page.
  const sql = `WITH candidates AS (
      SELECT "type", "recordId", "title", "body", "searchVector", "insertOrder"
      FROM ${rawTable(db, "SearchDocument")}
      WHERE "searchVector" @@ to_tsquery('english', $1)${typeFilter}
      ORDER BY ${recency} ${limitRows(maxRanked + 1)}
    ),
    ranked AS (
      SELECT "type", "recordId", "title", "body",
        (-ts_rank_cd("searchVector", to_tsquery('english', $1)))::float8 AS "relevance",
        row_number() OVER (ORDER BY ${recency}) AS "n"
      FROM candidates
    ),
    ${finish(`ts_headline('english', page."title" || E'\\n' || page."body", to_tsquery('english', $1), $2)`, keysetSql)}`;
  return db.queryRows<HitRow>(sql, params);
}
