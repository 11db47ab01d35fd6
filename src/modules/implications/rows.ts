// Implications with their actors, claims and evidence in one SQL statement
// (why: claims/rows.ts).
import type { ImplicationRow as StoredImplication } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import {
  type ActorRefRow,
  actorRefJson,
  type EvidenceRow,
  evidenceJson,
  loadRows,
  type Timestamps,
} from "../record-rows.js";

export interface ImplicationRow extends StoredImplication, Timestamps {
  /** Subjects first, then the others involved; by actor id within each. */
  actors: { actor: ActorRefRow; role: string }[];
  claims: { id: string; kind: string; text: string }[];
  evidence: EvidenceRow[];
}

/** The implications with these ids, by id, at most `limit` of them. */
export const loadImplicationRows = (db: Database, ids: string[], limit = ids.length) =>
  loadRows<ImplicationRow>(db, ids, limit, {
    table: "Implication",
    alias: "i",
    columns: ["kind", "title", "summary"],
    relations: (sql) => ({
      actors: sql.array(
        sql.object({ actor: actorRefJson(sql, "a"), role: `ia."role"` }),
        `ia."role" DESC, ia."actorId"`,
        `FROM ${sql.table("ImplicationActor")} ia JOIN ${sql.table("Actor")} a ON a."id" = ia."actorId" WHERE ia."implicationId" = i."id"`,
      ),
      claims: sql.array(
        sql.object({ id: `c."id"`, kind: `c."kind"`, text: `c."text"` }),
        `ic."claimId"`,
        `FROM ${sql.table("ImplicationClaim")} ic JOIN ${sql.table("Claim")} c ON c."id" = ic."claimId" WHERE ic."implicationId" = i."id"`,
      ),
      evidence: evidenceJson(sql, `e."implicationId" = i."id"`),
    }),
  });
