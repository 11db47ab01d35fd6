// Actors with whom they act for, their members and their evidence in one SQL
// statement (why: claims/rows.ts).
import type { Database } from "../../db/database.js";
import { jsonSql, parseJson } from "../../db/json-sql.js";
import { type ActorRefRow, actorRefJson, type EvidenceRow, evidenceJson, toDate } from "../record-rows.js";

export interface ActorRow {
  id: string;
  kind: string;
  name: string;
  /** A JSON array of alternative names, as stored. */
  aliases: string;
  description: string;
  wikidataId: string | null;
  iso3: string | null;
  role: string | null;
  actsFor: ActorRefRow | null;
  members: ActorRefRow[];
  evidence: EvidenceRow[];
  createdAt: Date;
  updatedAt: Date;
}

type Built = "actsFor" | "members" | "evidence";
type RawActorRow = Omit<ActorRow, Built | "createdAt" | "updatedAt"> & { [K in Built]: ActorRow[K] | string } & {
  createdAt: Date | string;
  updatedAt: Date | string;
};

/** The actors with these ids, by id, at most `limit` of them. */
export async function loadActorRows(db: Database, ids: string[], limit = ids.length): Promise<ActorRow[]> {
  if (ids.length === 0 || limit <= 0) return [];
  const sql = jsonSql(db);
  const statement = `SELECT a."id", a."kind", a."name", a."aliases", a."description", a."wikidataId", a."iso3", a."role",
      a."createdAt", a."updatedAt",
      (SELECT ${actorRefJson(sql, "p")} FROM ${sql.table("Actor")} p WHERE p."id" = a."actsForId") AS "actsFor",
      ${sql.array(actorRefJson(sql, "m"), `m."id"`, `FROM ${sql.table("Actor")} m WHERE m."actsForId" = a."id"`)} AS "members",
      ${evidenceJson(sql, `e."actorId" = a."id"`)} AS "evidence"
    FROM ${sql.table("Actor")} a
    WHERE ${sql.isOneOf(`a."id"`)}
    ORDER BY a."id" LIMIT ${sql.param(2)}`;
  const rows = await db.prisma.$queryRawUnsafe<RawActorRow[]>(statement, JSON.stringify(ids), limit);
  return rows.map((row) => ({
    ...row,
    actsFor: parseJson(row.actsFor),
    members: parseJson(row.members),
    evidence: parseJson(row.evidence),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  }));
}
