// Claims with everything they show (speaker, subjects, implications, evidence
// with its source) in one SQL statement, the relations built as JSON by the
// database. Through Prisma the same read was five queries, each compiled by
// Prisma 6's WebAssembly query compiler on the event loop (query plans are
// cached only from Prisma 7.4, which cannot run here): about 4 ms of a 5 ms
// uncached page went to that, and on PostgreSQL five round trips more.
import type { Database } from "../../db/database.js";
import { jsonSql, parseJson } from "../../db/json-sql.js";
import { type ActorRefRow, actorRefJson, type EvidenceRow, evidenceJson, toDate } from "../record-rows.js";

export interface ClaimRow {
  id: string;
  kind: string;
  text: string;
  speaker: ActorRefRow | null;
  about: ActorRefRow[];
  implications: { id: string; kind: string; title: string }[];
  evidence: EvidenceRow[];
  figureValue: number | null;
  figureUnit: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type Built = "speaker" | "about" | "implications" | "evidence";
type RawClaimRow = Omit<ClaimRow, Built | "createdAt" | "updatedAt"> & { [K in Built]: ClaimRow[K] | string } & {
  createdAt: Date | string;
  updatedAt: Date | string;
};

/** The claims with these ids, by id, at most `limit` of them. */
export async function loadClaimRows(db: Database, ids: string[], limit = ids.length): Promise<ClaimRow[]> {
  if (ids.length === 0 || limit <= 0) return [];
  const sql = jsonSql(db);
  const statement = `SELECT c."id", c."kind", c."text", c."figureValue", c."figureUnit", c."createdAt", c."updatedAt",
      (SELECT ${actorRefJson(sql, "a")} FROM ${sql.table("Actor")} a WHERE a."id" = c."speakerId") AS "speaker",
      ${sql.array(
        actorRefJson(sql, "a"),
        `ca."actorId"`,
        `FROM ${sql.table("ClaimActor")} ca JOIN ${sql.table("Actor")} a ON a."id" = ca."actorId" WHERE ca."claimId" = c."id"`,
      )} AS "about",
      ${sql.array(
        sql.object({ id: `i."id"`, kind: `i."kind"`, title: `i."title"` }),
        `ic."implicationId"`,
        `FROM ${sql.table("ImplicationClaim")} ic JOIN ${sql.table("Implication")} i ON i."id" = ic."implicationId" WHERE ic."claimId" = c."id"`,
      )} AS "implications",
      ${evidenceJson(sql, `e."claimId" = c."id"`)} AS "evidence"
    FROM ${sql.table("Claim")} c
    WHERE ${sql.isOneOf(`c."id"`)}
    ORDER BY c."id" LIMIT ${sql.param(2)}`;
  const rows = await db.prisma.$queryRawUnsafe<RawClaimRow[]>(statement, JSON.stringify(ids), limit);
  return rows.map((row) => ({
    ...row,
    speaker: parseJson(row.speaker),
    about: parseJson(row.about),
    implications: parseJson(row.implications),
    evidence: parseJson(row.evidence),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  }));
}
