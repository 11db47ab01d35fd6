// Actors with whom they act for, their members and their evidence in one SQL
// statement (why: claims/rows.ts).
import type { ActorRow as StoredActor } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { embeddedLimit } from "../record-refs.js";
import {
  type ActorRefRow,
  actorRefJson,
  type EvidenceRow,
  evidenceList,
  loadRows,
  type RecordRow,
  type RelationList,
} from "../record-rows.js";

export interface ActorRow extends Omit<StoredActor, "actsForId">, RecordRow {
  actsFor: ActorRefRow | null;
  members: ActorRefRow[];
  evidence: EvidenceRow[];
}

export const actorLists = {
  members: {
    item: (sql) => actorRefJson(sql, "m"),
    orderBy: `m."id"`,
    from: (sql, owner) => `FROM ${sql.table("Actor")} m WHERE m."actsForId" = ${owner}`,
  },
  evidence: evidenceList("actorId"),
} satisfies Record<string, RelationList>;

/** The actors with these ids, by id, at most `limit` of them, each list of at most `embedded` items (null: all). */
export const loadActorRows = (
  db: Database,
  ids: string[],
  limit = ids.length,
  embedded: number | null = embeddedLimit,
) =>
  loadRows<ActorRow>(
    db,
    ids,
    limit,
    {
      table: "Actor",
      alias: "a",
      columns: ["kind", "name", "aliases", "description", "wikidataId", "iso3", "role"],
      relations: (sql) => ({
        actsFor: `(SELECT ${actorRefJson(sql, "p")} FROM ${sql.table("Actor")} p WHERE p."id" = a."actsForId")`,
      }),
      lists: actorLists,
    },
    embedded,
  );
