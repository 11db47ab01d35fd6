// Positions with their actor, issue, event, claim and evidence in one SQL
// statement (why: claims/rows.ts).
import type { PositionRow as StoredPosition } from "../../content/rows.js";
import type { JsonSql } from "../../db/json-sql.js";
import {
  type ActorRefRow,
  actorRefJson,
  type EvidenceRow,
  evidenceList,
  type RecordRow,
  recordLoader,
} from "../record-rows.js";

export interface PositionRow extends Omit<StoredPosition, "actorId" | "issueId" | "eventId" | "claimId">, RecordRow {
  actor: ActorRefRow;
  issue: { id: string; title: string };
  event: { id: string; title: string } | null;
  claim: { id: string; kind: string; text: string } | null;
  evidence: EvidenceRow[];
}

/** The single relations of the position row aliased `p`, as JSON. */
export const positionRelations = (sql: JsonSql) => ({
  actor: `(SELECT ${actorRefJson(sql, "a")} FROM ${sql.table("Actor")} a WHERE a."id" = p."actorId")`,
  issue: `(SELECT ${sql.object({ id: `x."id"`, title: `x."title"` })} FROM ${sql.table("Issue")} x WHERE x."id" = p."issueId")`,
  event: `(SELECT ${sql.object({ id: `e."id"`, title: `e."title"` })} FROM ${sql.table("Event")} e WHERE e."id" = p."eventId")`,
  claim: `(SELECT ${sql.object({ id: `c."id"`, kind: `c."kind"`, text: `c."text"` })} FROM ${sql.table("Claim")} c WHERE c."id" = p."claimId")`,
});

/** The positions with these ids, in date order, at most `limit` of them, each with at most `embedded` passages (null: all). */
export const loadPositionRows = recordLoader<PositionRow>({
  table: "Position",
  alias: "p",
  columns: ["stance", "summary", "date", "datePrecision", "dateStart", "dateEnd"],
  relations: positionRelations,
  lists: { evidence: evidenceList("positionId") },
  orderBy: ["dateEnd", "id"],
  dates: ["dateStart", "dateEnd"],
});
