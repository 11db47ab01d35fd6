// Claims with everything they show (speaker, subjects, implications, evidence
// with its source) in one SQL statement, the relations built as JSON by the
// database. Through Prisma the same read was five queries, each compiled by
// Prisma 6's WebAssembly query compiler on the event loop (query plans are
// cached only from Prisma 7.4, which cannot run here): about 4 ms of a 5 ms
// uncached page went to that, and on PostgreSQL five round trips more.
import type { ClaimRow as StoredClaim } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import {
  type ActorRefRow,
  actorRefJson,
  type EvidenceRow,
  evidenceJson,
  loadRows,
  type Timestamps,
} from "../record-rows.js";

export interface ClaimRow extends Omit<StoredClaim, "speakerId">, Timestamps {
  speaker: ActorRefRow | null;
  about: ActorRefRow[];
  implications: { id: string; kind: string; title: string }[];
  evidence: EvidenceRow[];
}

/** The claims with these ids, by id, at most `limit` of them. */
export const loadClaimRows = (db: Database, ids: string[], limit = ids.length) =>
  loadRows<ClaimRow>(db, ids, limit, {
    table: "Claim",
    alias: "c",
    columns: ["kind", "text", "figureValue", "figureUnit"],
    relations: (sql) => ({
      speaker: `(SELECT ${actorRefJson(sql, "a")} FROM ${sql.table("Actor")} a WHERE a."id" = c."speakerId")`,
      about: sql.array(
        actorRefJson(sql, "a"),
        `ca."actorId"`,
        `FROM ${sql.table("ClaimActor")} ca JOIN ${sql.table("Actor")} a ON a."id" = ca."actorId" WHERE ca."claimId" = c."id"`,
      ),
      implications: sql.array(
        sql.object({ id: `i."id"`, kind: `i."kind"`, title: `i."title"` }),
        `ic."implicationId"`,
        `FROM ${sql.table("ImplicationClaim")} ic JOIN ${sql.table("Implication")} i ON i."id" = ic."implicationId" WHERE ic."claimId" = c."id"`,
      ),
      evidence: evidenceJson(sql, `e."claimId" = c."id"`),
    }),
  });
