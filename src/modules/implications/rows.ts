// Implications with their actors, claims and evidence in one SQL statement
// (why: claims/rows.ts).
import type { ImplicationRow as StoredImplication } from "../../content/rows.js";
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

export interface ImplicationRow extends StoredImplication, RecordRow {
  /** Subjects first, then the others involved; by actor id within each. */
  actors: { actor: ActorRefRow; role: string }[];
  claims: { id: string; kind: string; text: string }[];
  /** Latest first: the first decides the implication's status. */
  resolutions: ResolutionRefRow[];
  evidence: EvidenceRow[];
}

export interface ResolutionRefRow {
  id: string;
  outcome: string;
  date: string;
  datePrecision: string;
  summary: string;
  source: { id: string; title: string };
}

/** The order of resolutions (aliased `r`) that puts the one deciding an implication's status first. */
export const latestResolutionFirst = `r."dateEnd" DESC, r."id" DESC`;

/**
 * An implication's resolutions, the latest first: by the end of the period
 * each date names, then by id (`latestResolutionFirst`). A resolution is
 * listed once per document that states it, with that document as its source.
 */
const resolutionList: RelationList = {
  item: (sql) =>
    sql.object({
      id: `r."id"`,
      outcome: `r."outcome"`,
      date: `r."date"`,
      datePrecision: `r."datePrecision"`,
      summary: `r."summary"`,
      source: sql.object({ id: `s."id"`, title: `s."title"` }),
    }),
  orderBy: `${latestResolutionFirst}, s."id"`,
  from: (sql, owner) =>
    `FROM ${sql.table("Resolution")} r
     JOIN ${sql.table("Assertion")} x ON x."recordType" = 'resolution' AND x."recordId" = r."id" AND x."retractedRevision" IS NULL
     JOIN ${sql.table("Source")} s ON s."id" = x."documentId"
     WHERE r."implicationId" = ${owner}`,
};

export const implicationLists = {
  actors: {
    item: (sql) => sql.object({ actor: actorRefJson(sql, "a"), role: `ia."role"` }),
    orderBy: `ia."role" DESC, ia."actorId"`,
    from: (sql, owner) =>
      `FROM ${sql.table("ImplicationActor")} ia JOIN ${sql.table("Actor")} a ON a."id" = ia."actorId" WHERE ia."implicationId" = ${owner}`,
  },
  claims: {
    item: (sql) => sql.object({ id: `c."id"`, kind: `c."kind"`, text: `c."text"` }),
    orderBy: `ic."claimId"`,
    from: (sql, owner) =>
      `FROM ${sql.table("ImplicationClaim")} ic JOIN ${sql.table("Claim")} c ON c."id" = ic."claimId" WHERE ic."implicationId" = ${owner}`,
  },
  resolutions: resolutionList,
  evidence: evidenceList("implicationId"),
} satisfies Record<string, RelationList>;

/** The implications with these ids, by id, at most `limit` of them, each list of at most `embedded` items (null: all). */
export const loadImplicationRows = (
  db: Database,
  ids: string[],
  limit = ids.length,
  embedded: number | null = embeddedLimit,
) =>
  loadRows<ImplicationRow>(
    db,
    ids,
    limit,
    {
      table: "Implication",
      alias: "i",
      columns: ["kind", "title", "summary", "hedge", "likelihood", "horizon"],
      lists: implicationLists,
    },
    embedded,
  );
