// The knowledge base as it stood at a revision, derived again as a write
// derives it: from the statements active then (Assertion keeps when each was
// made and taken back) and each document's text and evidence then (its
// DocumentVersion), so records created later are absent, later updates
// undone and deleted records back.
import type { Database } from "../db/database.js";
import { deriveRecord } from "./derive-records.js";
import { groupBy } from "./group-by.js";
import { knowledgeRows } from "./resolve-bundle.js";
import type { EvidenceRow, KnowledgeRows } from "./rows.js";
import { type Attested, noEvidenceTarget, type RecordType } from "./statements.js";

export interface KnowledgeAt {
  revision: number;
  rows: KnowledgeRows;
}

/**
 * The rows of every table a write derives, as of `revision`. A document whose
 * history began before versions were kept (the migration that added them
 * stored each document as it then stood) is read from its earliest version.
 */
export async function knowledgeAt(db: Database, revision: number): Promise<KnowledgeAt> {
  const prisma = db.prisma;
  const [statements, versions] = await Promise.all([
    prisma.assertion.findMany({
      where: {
        revision: { lte: revision },
        OR: [{ retractedRevision: null }, { retractedRevision: { gt: revision } }],
      },
      orderBy: { id: "asc" },
    }),
    prisma.documentVersion.findMany({ orderBy: [{ documentId: "asc" }, { revision: "asc" }] }),
  ]);
  const versionOf = new Map<string, (typeof versions)[number]>();
  for (const version of versions) {
    const chosen = versionOf.get(version.documentId);
    if (!chosen || version.revision <= revision) versionOf.set(version.documentId, version);
  }
  const stating = new Set(statements.map((s) => s.documentId));
  const documents = [...versionOf.values()].filter((version) => stating.has(version.documentId));
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
  return { revision, rows };
}
