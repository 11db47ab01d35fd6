// Issues with their positions and evidence in one SQL statement (why: claims/rows.ts).
import type { IssueRow as StoredIssue } from "../../content/rows.js";
import {
  type ActorRefRow,
  actorRefJson,
  type EvidenceRow,
  evidenceList,
  type RecordRow,
  type RelationList,
  recordLoader,
} from "../record-rows.js";

export interface IssueRow extends StoredIssue, RecordRow {
  positions: { id: string; actor: ActorRefRow; stance: string; summary: string; date: string; datePrecision: string }[];
  evidence: EvidenceRow[];
}

export const issueLists = {
  positions: {
    item: (sql) =>
      sql.object({
        id: `p."id"`,
        actor: actorRefJson(sql, "a"),
        stance: `p."stance"`,
        summary: `p."summary"`,
        date: `p."date"`,
        datePrecision: `p."datePrecision"`,
      }),
    orderBy: `p."dateEnd", p."id"`,
    from: (sql, owner) =>
      `FROM ${sql.table("Position")} p JOIN ${sql.table("Actor")} a ON a."id" = p."actorId" WHERE p."issueId" = ${owner}`,
  },
  evidence: evidenceList("issueId"),
} satisfies Record<string, RelationList>;

/** The issues with these ids, by id, at most `limit` of them, each list of at most `embedded` items (null: all). */
export const loadIssueRows = recordLoader<IssueRow>({
  table: "Issue",
  alias: "i",
  columns: ["title", "description"],
  lists: issueLists,
});
