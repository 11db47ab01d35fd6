// Resolutions with their implication and evidence in one SQL statement
// (why: claims/rows.ts).
import type { ResolutionRow as StoredResolution } from "../../content/rows.js";
import type { JsonSql } from "../../db/json-sql.js";
import { type EvidenceRow, evidenceList, type RecordRow, recordLoader } from "../record-rows.js";

export interface ResolutionRow extends Omit<StoredResolution, "implicationId">, RecordRow {
  implication: { id: string; kind: string; title: string };
  evidence: EvidenceRow[];
}

const resolutionRelations = (sql: JsonSql) => ({
  implication: `(SELECT ${sql.object({ id: `i."id"`, kind: `i."kind"`, title: `i."title"` })} FROM ${sql.table("Implication")} i WHERE i."id" = r."implicationId")`,
});

/** The resolutions with these ids, in date order, at most `limit` of them, each with at most `embedded` passages (null: all). */
export const loadResolutionRows = recordLoader<ResolutionRow>({
  table: "Resolution",
  alias: "r",
  columns: ["outcome", "summary", "date", "datePrecision", "dateStart", "dateEnd"],
  relations: resolutionRelations,
  lists: { evidence: evidenceList("resolutionId") },
  orderBy: ["dateEnd", "id"],
  dates: ["dateStart", "dateEnd"],
});
