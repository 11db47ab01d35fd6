// The whole knowledge base as content bundles, one per source document, in
// the format imports take: each bundle is exactly what its document states
// (its statements, with its quotes in their original order), and the bundles
// come in the order the documents first stated what they state, so importing
// the export into an empty database derives the same records: the same ids,
// fields, quotes, offsets and links, the same originating documents.
import type { Database } from "../db/database.js";
import type { Bundle } from "./bundle-schema.js";
import { groupBy } from "./group-by.js";
import { evidenceColumnOf, evidenceTargetOf, type FieldsOf, type RecordType } from "./statements.js";

export interface KnowledgeExport {
  format: "kb-export";
  version: 1;
  revision: number;
  bundles: Bundle[];
}

/**
 * Every table the export reads, from one snapshot: read while an import
 * commits, the tables could otherwise disagree (a statement without its
 * evidence, a revision older than the rows), and the export would not import back.
 */
async function readSnapshot(db: Database) {
  return db.prisma.$transaction(
    async (tx) => {
      // PostgreSQL's default takes a snapshot per statement; SQLite's read transaction keeps its first.
      if (db.provider === "postgresql")
        await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      // One after another: a transaction is one connection.
      return {
        documents: await tx.source.findMany({ where: { text: { not: null } }, select: { id: true, text: true } }),
        statements: await tx.assertion.findMany({
          where: { retractedRevision: null },
          orderBy: [{ recordType: "asc" }, { recordId: "asc" }],
        }),
        evidence: await tx.evidence.findMany(),
        revision: (await tx.revision.findUnique({ where: { id: 1 } }))?.value ?? 0,
      };
    },
    { timeout: 30 * 60_000 },
  );
}

export async function exportKnowledge(db: Database): Promise<KnowledgeExport> {
  const { documents, statements, evidence, revision } = await readSnapshot(db);
  const evidenceBy = groupBy(evidence, (e) => {
    const type = evidenceTargetOf(e);
    return `${e.sourceId}\u0000${type}\u0000${e[evidenceColumnOf[type]]}`;
  });
  /** Quotes of one document for one record, in the order their ids number them. */
  const quotes = (documentId: string, type: RecordType, recordId: string) =>
    (evidenceBy.get(`${documentId}\u0000${type}\u0000${recordId}`) ?? [])
      .map((e) => ({ quote: e.quote, n: Number(e.id.split("/").at(-1)) }))
      .sort((a, b) => a.n - b.n)
      .map((e) => e.quote);
  const stated = groupBy(statements, (s) => s.documentId);
  const since = (id: string) => Math.min(...(stated.get(id) ?? []).map((s) => s.since));
  const ordered = [...documents].sort((a, b) => since(a.id) - since(b.id) || (a.id < b.id ? -1 : 1));

  const bundles = ordered.map((document): Bundle => {
    const id = document.id;
    const of = <T extends RecordType>(type: T) =>
      (stated.get(id) ?? [])
        .filter((s) => s.recordType === type)
        .map((s) => ({
          id: s.recordId,
          ...(JSON.parse(s.fields) as FieldsOf[T]),
          evidence: quotes(id, type, s.recordId),
        }));
    const sources = of("source");
    const self = sources.find((source) => source.id === id);
    const { evidence: documentEvidence, ...fields } = self ?? {
      id,
      kind: "analysis" as const,
      title: id,
      evidence: [],
    };
    return {
      document: {
        ...fields,
        text: document.text ?? "",
        ...(documentEvidence.length > 0 ? { evidence: documentEvidence } : {}),
      },
      citedSources: sources.filter((source) => source.id !== id),
      actors: of("actor"),
      events: of("event"),
      claims: of("claim"),
      implications: of("implication"),
      issues: of("issue"),
      positions: of("position"),
      resolutions: of("resolution"),
    };
  });
  return { format: "kb-export", version: 1, revision, bundles };
}
