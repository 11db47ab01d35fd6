// Claims with everything they show (speaker, subjects, implications, evidence
// with its source) in one SQL statement, the relations aggregated as JSON by
// the database. Through Prisma the same read was five queries, each compiled
// by Prisma 6's WebAssembly query compiler on the event loop (query plans are
// cached only from Prisma 7.4, which cannot run here): about 4 ms of a 5 ms
// uncached page went to that, and on PostgreSQL five round trips more.
import { type Database, rawTable } from "../../db/database.js";

export interface ClaimRow {
  id: string;
  kind: string;
  text: string;
  speaker: { id: string; name: string } | null;
  about: { id: string; name: string }[];
  implications: { id: string; kind: string; title: string }[];
  evidence: { id: string; source: { id: string; title: string }; quote: string; start: number; end: number }[];
  figureValue: number | null;
  figureUnit: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type RawClaimRow = Omit<ClaimRow, "speaker" | "about" | "implications" | "evidence" | "createdAt" | "updatedAt"> & {
  [K in "speaker" | "about" | "implications" | "evidence"]: ClaimRow[K] | string;
} & { createdAt: Date | string; updatedAt: Date | string };

/** The claims with these ids, by id, at most `limit` of them. */
export async function loadClaimRows(db: Database, ids: string[], limit = ids.length): Promise<ClaimRow[]> {
  if (ids.length === 0 || limit <= 0) return [];
  const sqlite = db.location.provider === "sqlite";
  const table = (name: string) => rawTable(db, name);
  // SQLite and PostgreSQL spell JSON aggregation differently; the rest is shared.
  const object = sqlite ? "json_object" : "json_build_object";
  const array = (item: string, order: string, from: string) =>
    sqlite
      ? `(SELECT json_group_array(${item} ORDER BY ${order}) ${from})`
      : `COALESCE((SELECT json_agg(${item} ORDER BY ${order}) ${from}), '[]'::json)`;
  // The ids travel as one JSON parameter; on PostgreSQL as an array (evaluated once), which its planner reads by index.
  const matchesId = sqlite
    ? `c."id" IN (SELECT value FROM json_each(?))`
    : `c."id" = ANY(ARRAY(SELECT json_array_elements_text($1::json)))`;
  const sql = `SELECT c."id", c."kind", c."text", c."figureValue", c."figureUnit", c."createdAt", c."updatedAt",
      (SELECT ${object}('id', a."id", 'name', a."name") FROM ${table("Actor")} a WHERE a."id" = c."speakerId") AS "speaker",
      ${array(
        `${object}('id', a."id", 'name', a."name")`,
        `ca."actorId"`,
        `FROM ${table("ClaimActor")} ca JOIN ${table("Actor")} a ON a."id" = ca."actorId" WHERE ca."claimId" = c."id"`,
      )} AS "about",
      ${array(
        `${object}('id', i."id", 'kind', i."kind", 'title', i."title")`,
        `ic."implicationId"`,
        `FROM ${table("ImplicationClaim")} ic JOIN ${table("Implication")} i ON i."id" = ic."implicationId" WHERE ic."claimId" = c."id"`,
      )} AS "implications",
      ${array(
        `${object}('id', e."id", 'source', ${object}('id', s."id", 'title', s."title"), 'quote', e."quote", 'start', e."start", 'end', e."end")`,
        `e."id"`,
        `FROM ${table("Evidence")} e JOIN ${table("Source")} s ON s."id" = e."sourceId" WHERE e."claimId" = c."id"`,
      )} AS "evidence"
    FROM ${table("Claim")} c
    WHERE ${matchesId}
    ORDER BY c."id" LIMIT ${sqlite ? "?" : "$2"}`;
  const rows = await db.prisma.$queryRawUnsafe<RawClaimRow[]>(sql, JSON.stringify(ids), limit);
  return rows.map((row) => ({
    ...row,
    speaker: json(row.speaker),
    about: json(row.about),
    implications: json(row.implications),
    evidence: json(row.evidence),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  }));
}

/** SQLite returns aggregated JSON as text, PostgreSQL's driver as values. */
const json = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);
