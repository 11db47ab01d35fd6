// Implications with their actors, claims and evidence in one SQL statement
// (why: claims/rows.ts).
import type { Database } from "../../db/database.js";
import { jsonSql, parseJson } from "../../db/json-sql.js";
import { type ActorRefRow, actorRefJson, type EvidenceRow, evidenceJson, toDate } from "../record-rows.js";

export interface ImplicationRow {
  id: string;
  kind: string;
  title: string;
  summary: string;
  /** Subjects first, then the others involved; by actor id within each. */
  actors: { actor: ActorRefRow; role: string }[];
  claims: { id: string; kind: string; text: string }[];
  evidence: EvidenceRow[];
  createdAt: Date;
  updatedAt: Date;
}

type Built = "actors" | "claims" | "evidence";
type RawImplicationRow = Omit<ImplicationRow, Built | "createdAt" | "updatedAt"> & {
  [K in Built]: ImplicationRow[K] | string;
} & { createdAt: Date | string; updatedAt: Date | string };

/** The implications with these ids, by id, at most `limit` of them. */
export async function loadImplicationRows(db: Database, ids: string[], limit = ids.length): Promise<ImplicationRow[]> {
  if (ids.length === 0 || limit <= 0) return [];
  const sql = jsonSql(db);
  const statement = `SELECT i."id", i."kind", i."title", i."summary", i."createdAt", i."updatedAt",
      ${sql.array(
        sql.object({ actor: actorRefJson(sql, "a"), role: `ia."role"` }),
        `ia."role" DESC, ia."actorId"`,
        `FROM ${sql.table("ImplicationActor")} ia JOIN ${sql.table("Actor")} a ON a."id" = ia."actorId" WHERE ia."implicationId" = i."id"`,
      )} AS "actors",
      ${sql.array(
        sql.object({ id: `c."id"`, kind: `c."kind"`, text: `c."text"` }),
        `ic."claimId"`,
        `FROM ${sql.table("ImplicationClaim")} ic JOIN ${sql.table("Claim")} c ON c."id" = ic."claimId" WHERE ic."implicationId" = i."id"`,
      )} AS "claims",
      ${evidenceJson(sql, `e."implicationId" = i."id"`)} AS "evidence"
    FROM ${sql.table("Implication")} i
    WHERE ${sql.isOneOf(`i."id"`)}
    ORDER BY i."id" LIMIT ${sql.param(2)}`;
  const rows = await db.prisma.$queryRawUnsafe<RawImplicationRow[]>(statement, JSON.stringify(ids), limit);
  return rows.map((row) => ({
    ...row,
    actors: parseJson(row.actors),
    claims: parseJson(row.claims),
    evidence: parseJson(row.evidence),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  }));
}
