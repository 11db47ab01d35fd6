// The knowledge base as it stood at a revision, derived again as a write
// derives it: from the statements active then (Assertion keeps when each was
// made and taken back) and each document's text and evidence then (its
// DocumentVersion), so records created later are absent, later updates
// undone and deleted records back.
import type { Database } from "../db/database.js";
import { jsonSql } from "../db/json-sql.js";
import { deriveRecord } from "./derive-records.js";
import { groupBy } from "./group-by.js";
import { knowledgeRows } from "./resolve-bundle.js";
import type { EvidenceRow, KnowledgeRows } from "./rows.js";
import { type Attested, noEvidenceTarget, type RecordType } from "./statements.js";

export interface KnowledgeAt {
  revision: number;
  rows: KnowledgeRows;
  /** The statements active then (Assertion rows, not yet taken back then). */
  statements: StatementAt[];
}

export interface StatementAt {
  id: number;
  documentId: string;
  recordType: string;
  recordId: string;
  fields: string;
  revision: number;
  since: number;
}

/**
 * The rows of every table a write derives, as of `revision`. A document whose
 * history began before versions were kept (the migration that added them
 * stored each document as it then stood) is read from its earliest version.
 */
export async function knowledgeAt(db: Database, revision: number): Promise<KnowledgeAt> {
  const statements: StatementAt[] = await db.prisma.assertion.findMany({
    where: { revision: { lte: revision }, OR: [{ retractedRevision: null }, { retractedRevision: { gt: revision } }] },
    select: { id: true, documentId: true, recordType: true, recordId: true, fields: true, revision: true, since: true },
    orderBy: { id: "asc" },
  });
  const documents = await versionsAt(db, revision, [...new Set(statements.map((s) => s.documentId))]);
  const evidence = documents.flatMap((version) =>
    (JSON.parse(version.evidence) as Omit<EvidenceRow, "sourceId">[]).map(
      (row): EvidenceRow => ({ ...noEvidenceTarget, ...row, sourceId: version.documentId }),
    ),
  );
  const attested = statements.map(
    (s): Attested =>
      ({
        recordType: s.recordType as RecordType,
        recordId: s.recordId,
        documentId: s.documentId,
        revision: s.since,
        fields: JSON.parse(s.fields),
      }) as Attested,
  );
  const derived = [...groupBy(attested, (s) => `${s.recordType}\u0000${s.recordId}`).values()].map(deriveRecord);
  const rows = knowledgeRows(
    derived,
    evidence,
    new Map(documents.map((version) => [version.documentId, version.text])),
  );
  rows.citations = attested
    .filter((s) => s.recordType === "source" && s.recordId !== s.documentId)
    .map((s) => ({ citingId: s.documentId, citedId: s.recordId }));
  return { revision, rows, statements };
}

/**
 * Each stating document's version at `revision`: its latest at or before it,
 * or else its earliest. Only those versions are read, not every version's text.
 */
async function versionsAt(db: Database, revision: number, documentIds: string[]) {
  const { table, param, isOneOf } = jsonSql(db);
  const versions = table("DocumentVersion");
  return db.queryRows<{ documentId: string; revision: number; text: string; evidence: string }>(
    `SELECT v."documentId", v."revision", v."text", v."evidence" FROM ${versions} v
     WHERE ${isOneOf(`v."documentId"`, param(1))} AND v."revision" = COALESCE(
       (SELECT MAX(w."revision") FROM ${versions} w WHERE w."documentId" = v."documentId" AND w."revision" <= ${param(2)}),
       (SELECT MIN(w."revision") FROM ${versions} w WHERE w."documentId" = v."documentId"))
     ORDER BY v."documentId"`,
    [JSON.stringify(documentIds), revision],
  );
}
