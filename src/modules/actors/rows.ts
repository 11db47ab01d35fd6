// Actors with whom they act for, their members and their evidence in one SQL
// statement (why: claims/rows.ts).
import type { ActorRow as StoredActor } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import {
  type ActorRefRow,
  actorRefJson,
  type EvidenceRow,
  evidenceJson,
  loadRows,
  type Timestamps,
} from "../record-rows.js";

export interface ActorRow extends Omit<StoredActor, "actsForId">, Timestamps {
  actsFor: ActorRefRow | null;
  members: ActorRefRow[];
  evidence: EvidenceRow[];
}

/** The actors with these ids, by id, at most `limit` of them. */
export const loadActorRows = (db: Database, ids: string[], limit = ids.length) =>
  loadRows<ActorRow>(
    db,
    ids,
    limit,
    ["actsFor", "members", "evidence"],
    (sql) => `SELECT a."id", a."kind", a."name", a."aliases", a."description", a."wikidataId", a."iso3", a."role",
      a."createdAt", a."updatedAt",
      (SELECT ${actorRefJson(sql, "p")} FROM ${sql.table("Actor")} p WHERE p."id" = a."actsForId") AS "actsFor",
      ${sql.array(actorRefJson(sql, "m"), `m."id"`, `FROM ${sql.table("Actor")} m WHERE m."actsForId" = a."id"`)} AS "members",
      ${evidenceJson(sql, `e."actorId" = a."id"`)} AS "evidence"
    FROM ${sql.table("Actor")} a
    WHERE ${sql.isOneOf(`a."id"`)}
    ORDER BY a."id" LIMIT ${sql.param(2)}`,
  );
