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
  loadRows<ActorRow>(db, ids, limit, {
    table: "Actor",
    alias: "a",
    columns: ["kind", "name", "aliases", "description", "wikidataId", "iso3", "role"],
    relations: (sql) => ({
      actsFor: `(SELECT ${actorRefJson(sql, "p")} FROM ${sql.table("Actor")} p WHERE p."id" = a."actsForId")`,
      members: sql.array(actorRefJson(sql, "m"), `m."id"`, `FROM ${sql.table("Actor")} m WHERE m."actsForId" = a."id"`),
      evidence: evidenceJson(sql, `e."actorId" = a."id"`),
    }),
  });
