// Claims with everything they show (speaker, subjects, implications, evidence
// with its source) in one SQL statement, the relations built as JSON by the
// database. Through Prisma the same read was five queries, each compiled by
// Prisma 6's WebAssembly query compiler on the event loop (query plans are
// cached only from Prisma 7.4, which cannot run here): about 4 ms of a 5 ms
// uncached page went to that, and on PostgreSQL five round trips more.
import type { ClaimRow as StoredClaim } from "../../content/rows.js";
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

export interface ClaimRow extends Omit<StoredClaim, "speakerId" | "dateStart" | "dateEnd">, RecordRow {
  speaker: ActorRefRow | null;
  about: ActorRefRow[];
  implications: { id: string; kind: string; title: string }[];
  evidence: EvidenceRow[];
}

export const claimLists = {
  about: {
    item: (sql) => actorRefJson(sql, "a"),
    orderBy: `ca."actorId"`,
    from: (sql, owner) =>
      `FROM ${sql.table("ClaimActor")} ca JOIN ${sql.table("Actor")} a ON a."id" = ca."actorId" WHERE ca."claimId" = ${owner}`,
  },
  implications: {
    item: (sql) => sql.object({ id: `i."id"`, kind: `i."kind"`, title: `i."title"` }),
    orderBy: `ic."implicationId"`,
    from: (sql, owner) =>
      `FROM ${sql.table("ImplicationClaim")} ic JOIN ${sql.table("Implication")} i ON i."id" = ic."implicationId" WHERE ic."claimId" = ${owner}`,
  },
  evidence: evidenceList("claimId"),
} satisfies Record<string, RelationList>;

/** The claims with these ids, by id, at most `limit` of them, each list of at most `embedded` items (null: all). */
export const loadClaimRows = (
  db: Database,
  ids: string[],
  limit = ids.length,
  embedded: number | null = embeddedLimit,
) =>
  loadRows<ClaimRow>(
    db,
    ids,
    limit,
    {
      table: "Claim",
      alias: "c",
      columns: ["kind", "text", "figureValue", "figureUnit", "date", "datePrecision"],
      relations: (sql) => ({
        speaker: `(SELECT ${actorRefJson(sql, "a")} FROM ${sql.table("Actor")} a WHERE a."id" = c."speakerId")`,
      }),
      lists: claimLists,
    },
    embedded,
  );
