// Search across every kind of record, on the knowledge base's own index
// (src/search): the same folding, matching and ranking on SQLite and
// PostgreSQL. A page is the exact top of the full ranking, read from the top
// of the index's lists (src/search/top-matches.ts), or where that runs deep,
// from every match ranked. Hits are paged by keyset on (rank, type, id), so
// the order is total and cursors stay stable. Counts are exact up to
// `countLimits.exactRows` index rows; facets count every match.
import { type Database, rawTable } from "../../db/database.js";
import { limitRows, type Param, statementParams } from "../../db/json-sql.js";
import { decodeCursor, rankKey, toPage } from "../../http/pagination.js";
import { type PreparedQuery, prepareQuery } from "../../search/expansion.js";
import { canMatch, type MatchOptions, matchedRecords, rankedMatches } from "../../search/matching.js";
import { pageOfRanked } from "../../search/ranked-page.js";
import { markedSnippet } from "../../search/snippets.js";
import { actorsNamed, seenIn, topMatches } from "../../search/top-matches.js";
import { highlightSnippet } from "./full-text-query.js";
import type { FacetName, SearchHit } from "./schemas.js";

interface SearchOptions {
  q: string;
  type?: SearchHit["type"] | undefined;
  actor?: string | undefined;
  facets?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

interface Counts {
  ranked: number;
  complete: number;
  limited: boolean;
}

/** Up to this many index rows of the query's keys, the counts are exact: counting them costs less than a page. */
export const countLimits = { exactRows: 2_000 };

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
  const count = options.limit + 1;
  const position = after ? ([-after[0], after[1], after[2]] as [number, string, string]) : undefined;
  const named = await actorsNamed(db, query);
  const matching = { type: options.type, actor: options.actor, namesActors: named.size > 0 };
  // Within an actor's records, the best of the whole index say little about the best of the actor's.
  const top = options.actor
    ? undefined
    : await topMatches(db, query, named, { type: options.type, count, after: position });
  const hits = top?.hits ?? (await rankAll(db, query, matching, options.limit, position));
  const page = toPage(list, hits, options.limit, (row) => [-row.rank, row.type, row.recordId]);
  const keys = new Set(query.expansions.map((e) => e.term));
  return {
    ...page,
    data: page.data.map((row) => ({
      type: row.type as SearchHit["type"],
      id: row.recordId,
      title: row.title,
      snippet: highlightSnippet(markedSnippet(row.title, row.body, keys)),
      complete: row.words === query.slots.length,
      score: row.rank,
    })),
    matches: top?.seenAll
      ? { ...top.seen, limited: false }
      : await countMatches(db, query, matching, top?.seen ?? seenIn(hits, query.slots.length)),
    ...(wanted.length > 0 ? { facets: await queryFacets(db, query, matching, wanted) } : {}),
  };
}

/**
 * The counts: exact when the query's keys hold few enough rows, or within an
 * actor's records (ranked in full anyway); otherwise what is known for certain
 * (`limited`): the records holding its commonest key, when nothing filters
 * them, and the matches the top-k reader saw.
 */
async function countMatches(
  db: Database,
  query: PreparedQuery,
  options: MatchOptions,
  seen: { ranked: number; complete: number },
): Promise<Counts> {
  const rows = query.expansions.reduce((sum, e) => sum + e.records, 0);
  if (rows <= countLimits.exactRows || options.actor) {
    const { values, param } = statementParams(db);
    const matches = matchedRecords(db, query, param, options);
    const [counted] = await db.queryRows<{ ranked: number | bigint; complete: number | bigint | null }>(
      `WITH ${matches} SELECT count(*) AS "ranked", sum(CASE WHEN "words" = ${query.slots.length} THEN 1 ELSE 0 END) AS "complete" FROM matches`,
      values,
      { planEach: true },
    );
    return { ranked: Number(counted?.ranked ?? 0), complete: Number(counted?.complete ?? 0), limited: false };
  }
  const unfiltered =
    !options.type && query.phrases.length + query.excludedKeys.length + query.excludedPhrases.length === 0;
  const ranked = Math.max(seen.ranked, unfiltered ? Math.max(...query.expansions.map((e) => e.records)) : 0);
  return { ranked, complete: query.slots.length === 1 ? ranked : seen.complete, limited: true };
}

/** The query's `q` filter: prepared once, before its statement is written. */
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
  return `${column} IN (WITH ${matchedRecords(db, query, param, { type, complete: true })} SELECT "recordId" FROM matches)`;
}

/** The page from every match ranked: the exact answer whatever the query, at the cost of all its index rows. */
const rankAll = (
  db: Database,
  query: PreparedQuery,
  options: MatchOptions,
  limit: number,
  after: [number, string, string] | undefined,
) => pageOfRanked(db, query, (param) => rankedMatches(db, query, param, options), limit, after);

interface FacetRow {
  facet: FacetName;
  type: string | null;
  value: string;
  name: string | null;
  count: number | bigint;
}

/** Counts over every match, in one statement: by type, by kind, and the top actors. */
async function queryFacets(db: Database, query: PreparedQuery, options: MatchOptions, wanted: FacetName[]) {
  const t = (name: string) => rawTable(db, name);
  const { values, param } = statementParams(db);
  const matches = matchedRecords(db, query, param, options);
  const kinds = [
    ["claim", "Claim"],
    ["implication", "Implication"],
    ["actor", "Actor"],
    ["source", "Source"],
  ] as const;
  const selects: Record<FacetName, string> = {
    type: `SELECT 'type' AS "facet", NULL AS "type", "type" AS "value", NULL AS "name", count(*) AS "count" FROM matches GROUP BY "type"`,
    kind: `SELECT 'kind', r."type", COALESCE(${kinds.map((_, i) => `k${i}."kind"`).join(", ")}), NULL, count(*)
      FROM matches r ${kinds.map(([type, table], i) => `LEFT JOIN ${t(table)} k${i} ON r."type" = '${type}' AND k${i}."id" = r."recordId"`).join(" ")}
      WHERE r."type" <> 'event' GROUP BY r."type", COALESCE(${kinds.map((_, i) => `k${i}."kind"`).join(", ")})`,
    actor: `SELECT * FROM (
        SELECT 'actor', NULL, x."actorId", a."name", count(*) FROM (
          SELECT r."recordId" AS "actorId" FROM matches r WHERE r."type" = 'actor'
          UNION ALL SELECT l."actorId" FROM matches r JOIN ${t("ClaimActor")} l ON r."type" = 'claim' AND l."claimId" = r."recordId"
          UNION ALL SELECT c."speakerId" FROM matches r JOIN ${t("Claim")} c ON r."type" = 'claim' AND c."id" = r."recordId"
            WHERE c."speakerId" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM ${t("ClaimActor")} l WHERE l."claimId" = c."id" AND l."actorId" = c."speakerId")
          UNION ALL SELECT l."actorId" FROM matches r JOIN ${t("ImplicationActor")} l ON r."type" = 'implication' AND l."implicationId" = r."recordId"
          UNION ALL SELECT l."actorId" FROM matches r JOIN ${t("EventParticipant")} l ON r."type" = 'event' AND l."eventId" = r."recordId"
        ) x JOIN ${t("Actor")} a ON a."id" = x."actorId"
        GROUP BY x."actorId", a."name" ORDER BY count(*) DESC, x."actorId" ${limitRows(10)}
      ) top`,
  };
  const sql = `WITH ${matches}\n${wanted.map((facet) => selects[facet]).join("\nUNION ALL\n")}`;
  const rows = await db.queryRows<FacetRow>(sql, values, { planEach: true });
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
