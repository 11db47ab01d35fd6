// Search across every kind of record, on the knowledge base's own index
// (src/search): the same folding, matching and ranking on SQLite and
// PostgreSQL. Every match is ranked; hits are paged by keyset on (rank, type,
// id), so the order is total and cursors stay stable. Facets count every match.
import { type Database, rawTable } from "../../db/database.js";
import { limitRows, type Param, statementParams } from "../../db/json-sql.js";
import { decodeCursor, rankKey, toPage } from "../../http/pagination.js";
import { type PreparedQuery, prepareQuery } from "../../search/expansion.js";
import { canMatch, rankedMatches } from "../../search/matching.js";
import { markedSnippet } from "../../search/snippets.js";
import { highlightSnippet } from "./full-text-query.js";
import type { FacetName, SearchHit } from "./schemas.js";

interface HitRow {
  /** How many records matched, and how many match every word; on every row, and alone on an empty page. */
  total: number | bigint;
  complete: number | bigint | null;
  type: SearchHit["type"] | null;
  recordId: string | null;
  rank: number | null;
  words: number | bigint | null;
  title: string | null;
  body: string | null;
}

interface SearchOptions {
  q: string;
  type?: SearchHit["type"] | undefined;
  actor?: string | undefined;
  facets?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

type Hit = HitRow & { type: SearchHit["type"]; recordId: string; rank: number; title: string; body: string };

const list = "search";

export async function search(db: Database, options: SearchOptions) {
  const after = decodeCursor(list, options.cursor, rankKey);
  const query = await prepareQuery(db, options.q);
  const wanted = (options.facets?.split(",") ?? []) as FacetName[];
  if (!canMatch(query)) {
    return {
      data: [],
      page: { limit: options.limit, nextCursor: null },
      matches: { ranked: 0, complete: 0, limited: false },
      ...(wanted.length > 0 ? { facets: Object.fromEntries(wanted.map((facet) => [facet, []])) } : {}),
    };
  }
  const rows = await queryHits(db, query, options, after);
  const hits = rows.filter((row): row is Hit => row.recordId !== null);
  const page = toPage(list, hits, options.limit, (row) => [-Number(row.rank), row.type, row.recordId]);
  const keys = new Set(query.expansions.map((e) => e.term));
  return {
    ...page,
    data: page.data.map((row) => ({
      type: row.type,
      id: row.recordId,
      title: row.title,
      snippet: highlightSnippet(markedSnippet(row.title, row.body, keys)),
      complete: Number(row.words) === query.slots.length,
      score: Number(row.rank),
    })),
    matches: { ranked: Number(rows[0]?.total ?? 0), complete: Number(rows[0]?.complete ?? 0), limited: false },
    ...(wanted.length > 0 ? { facets: await queryFacets(db, query, options, wanted) } : {}),
  };
}

/** The query of a list's `q` filter: prepared once, before its statement is written. */
export const prepareTextFilter = prepareQuery;

/**
 * The `q` filter of lists: the condition that `column`, the id of a record of
 * `type`, is one of the records matching every word of the query. It goes in
 * the list's own statement, so the database intersects the matches with the
 * other filters and pages them in one pass, however many records match.
 */
export function matchesText(
  db: Database,
  type: SearchHit["type"],
  query: PreparedQuery,
  column: string,
  param: Param,
): string {
  if (!canMatch(query)) return "1 = 0";
  return `${column} IN (WITH ${rankedMatches(db, query, param, { type, complete: true })} SELECT "recordId" FROM ranked)`;
}

/** One statement: every match ranked, the count, and the page, which an empty page still carries the count of. */
async function queryHits(
  db: Database,
  query: PreparedQuery,
  options: SearchOptions,
  after: [number, string, string] | undefined,
): Promise<HitRow[]> {
  const { values, param } = statementParams(db);
  const matches = rankedMatches(db, query, param, { type: options.type, actor: options.actor });
  // The rank travels as text and is cast in SQL: a float bound as a number
  // parameter loses digits on the way, and the keyset comparison must be exact.
  const exact = (value: unknown) =>
    db.location.provider === "sqlite" ? `CAST(${param(value)} AS REAL)` : `${param(value)}::float8`;
  const keyset = after
    ? `WHERE ("rank" < ${exact(String(-after[0]))} OR ("rank" = ${exact(String(-after[0]))} AND ("type" > ${param(after[1])} OR ("type" = ${param(after[1])} AND "recordId" > ${param(after[2])}))))`
    : "";
  const sql = `WITH ${matches},
    counted AS (
      SELECT count(*) AS "total", sum(CASE WHEN "words" = ${query.slots.length} THEN 1 ELSE 0 END) AS "complete" FROM ranked
    ),
    page AS (SELECT * FROM ranked ${keyset} ORDER BY "rank" DESC, "type", "recordId" ${limitRows(options.limit + 1)})
    SELECT counted."total", counted."complete", page."type", page."recordId", page."rank", page."words", d."title", d."body"
    FROM counted LEFT JOIN page ON 1 = 1
    LEFT JOIN ${rawTable(db, "SearchDocument")} d ON d."type" = page."type" AND d."recordId" = page."recordId"
    ORDER BY page."rank" DESC, page."type", page."recordId"`;
  return db.queryRows<HitRow>(sql, values);
}

interface FacetRow {
  facet: FacetName;
  type: string | null;
  value: string;
  name: string | null;
  count: number | bigint;
}

/** Counts over every match, in one statement: by type, by kind, and the top actors. */
async function queryFacets(db: Database, query: PreparedQuery, options: SearchOptions, wanted: FacetName[]) {
  const t = (name: string) => rawTable(db, name);
  const { values, param } = statementParams(db);
  const matches = rankedMatches(db, query, param, { type: options.type, actor: options.actor });
  const kinds = [
    ["claim", "Claim"],
    ["implication", "Implication"],
    ["actor", "Actor"],
    ["source", "Source"],
  ] as const;
  const selects: Record<FacetName, string> = {
    type: `SELECT 'type' AS "facet", NULL AS "type", "type" AS "value", NULL AS "name", count(*) AS "count" FROM ranked GROUP BY "type"`,
    kind: `SELECT 'kind', r."type", COALESCE(${kinds.map((_, i) => `k${i}."kind"`).join(", ")}), NULL, count(*)
      FROM ranked r ${kinds.map(([type, table], i) => `LEFT JOIN ${t(table)} k${i} ON r."type" = '${type}' AND k${i}."id" = r."recordId"`).join(" ")}
      WHERE r."type" <> 'event' GROUP BY r."type", COALESCE(${kinds.map((_, i) => `k${i}."kind"`).join(", ")})`,
    actor: `SELECT * FROM (
        SELECT 'actor', NULL, x."actorId", a."name", count(*) FROM (
          SELECT r."recordId" AS "actorId" FROM ranked r WHERE r."type" = 'actor'
          UNION ALL SELECT l."actorId" FROM ranked r JOIN ${t("ClaimActor")} l ON r."type" = 'claim' AND l."claimId" = r."recordId"
          UNION ALL SELECT c."speakerId" FROM ranked r JOIN ${t("Claim")} c ON r."type" = 'claim' AND c."id" = r."recordId"
            WHERE c."speakerId" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM ${t("ClaimActor")} l WHERE l."claimId" = c."id" AND l."actorId" = c."speakerId")
          UNION ALL SELECT l."actorId" FROM ranked r JOIN ${t("ImplicationActor")} l ON r."type" = 'implication' AND l."implicationId" = r."recordId"
          UNION ALL SELECT l."actorId" FROM ranked r JOIN ${t("EventParticipant")} l ON r."type" = 'event' AND l."eventId" = r."recordId"
        ) x JOIN ${t("Actor")} a ON a."id" = x."actorId"
        GROUP BY x."actorId", a."name" ORDER BY count(*) DESC, x."actorId" ${limitRows(10)}
      ) top`,
  };
  const sql = `WITH ${matches}\n${wanted.map((facet) => selects[facet]).join("\nUNION ALL\n")}`;
  const rows = await db.queryRows<FacetRow>(sql, values);
  const counted = (row: FacetRow) => Number(row.count);
  const byCount = <T extends { count: number; value?: string; id?: string }>(a: T, b: T) =>
    b.count - a.count || String(a.value ?? a.id).localeCompare(String(b.value ?? b.id));
  const of = (facet: FacetName) => rows.filter((row) => row.facet === facet);
  return Object.fromEntries(
    wanted.map((facet) => [
      facet,
      facet === "type"
        ? of(facet)
            .map((row) => ({ value: row.value, count: counted(row) }))
            .sort(byCount)
        : facet === "kind"
          ? of(facet)
              .map((row) => ({ type: row.type as SearchHit["type"], value: row.value, count: counted(row) }))
              .sort(byCount)
          : of(facet)
              .map((row) => ({ id: row.value, name: row.name ?? row.value, count: counted(row) }))
              .sort(byCount),
    ]),
  );
}
