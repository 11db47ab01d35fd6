// Imports a content bundle in one transaction: validates shape, references
// (actors may already exist) and provenance (every quote verbatim in the
// document), checks that the importer owns the document and that its actors
// are not second records of stored ones (ownership.ts), writes the document's
// statements (write-documents.ts), and records a report, all or nothing.
import { randomUUID } from "node:crypto";
import { type Bundle, bundlePassages } from "../../content/bundle-schema.js";
import { runSharingTheLoop } from "../../content/event-loop-share.js";
import { knownActorIds } from "../../content/import-knowledge.js";
import { createQuoteLocator } from "../../content/quote-locator.js";
import { type ResolvedDocument, resolvingDocument } from "../../content/resolve-bundle.js";
import { sqlRows } from "../../content/sql-rows.js";
import type { WriteOptions, WriteReport } from "../../content/write-documents.js";
import type { Database } from "../../db/database.js";
import { NotFoundError } from "../../http/problem.js";
import { assertOwner, refuseSecondActors } from "./ownership.js";
import type { ImportReport } from "./schemas.js";

/** The hooks an import runs inside the write's transaction. */
export type ImportHooks = Pick<WriteOptions, "prepare" | "review" | "beforeCommit">;

export interface ImportOptions {
  /** Writes the document in one transaction (the app's writer, which also publishes the revision). */
  write: (documents: ResolvedDocument[], hooks: ImportHooks) => Promise<WriteReport>;
  /** The API key importing; absent for an operator's import (`kb import`), which owns every document. */
  key?: { id: string; admin: boolean } | undefined;
}

export async function importBundle(db: Database, bundle: Bundle, options: ImportOptions): Promise<ImportReport> {
  const known = await knownActorIds(db.prisma, [bundle]);
  // The quotes' searches, the longest part of resolving, in slices between which reads are answered.
  const locate = createQuoteLocator(bundle.document.text);
  await locate.prefetch(bundlePassages(bundle));
  const resolved = await runSharingTheLoop(resolvingDocument(bundle, known, locate));
  const { document } = bundle;
  let record: ImportRecordRow | undefined;
  await options.write([resolved], {
    prepare: (tx) => assertOwner(tx, document.id, options.key),
    review: (tx, others) => refuseSecondActors(tx, resolved, others),
    // In the write's transaction: a report exists exactly when its import does.
    beforeCommit: async (tx, applied) => {
      const now = new Date();
      const row = {
        id: randomUUID(),
        sourceId: document.id,
        keyId: options.key?.id ?? null,
        revision: applied.revision,
        changed: applied.changed,
        tables: JSON.stringify(applied.tables),
        statements: JSON.stringify(applied.statements),
        createdAt: now,
        updatedAt: now,
      };
      await sqlRows(tx).insert("ImportRecord", Object.keys(row), [row]);
      record = row;
    },
  });
  if (!record) throw new Error("the import's transaction committed without its report");
  return toReport(record);
}

/**
 * A past import's report. `ownerKeyId` confines the lookup to the imports made
 * with that key: another key's import is "not found", so its existence is not
 * revealed either.
 */
export async function getImport(
  db: Database,
  id: string,
  options: { ownerKeyId?: string } = {},
): Promise<ImportReport> {
  const record = await db.prisma.importRecord.findUnique({ where: { id } });
  if (!record || (options.ownerKeyId !== undefined && record.keyId !== options.ownerKeyId)) {
    throw new NotFoundError("import", id);
  }
  return toReport(record);
}

interface ImportRecordRow {
  id: string;
  sourceId: string;
  revision: number;
  changed: boolean;
  tables: string;
  statements: string | null;
  createdAt: Date;
}

function toReport(record: ImportRecordRow) {
  return {
    id: record.id,
    sourceId: record.sourceId,
    revision: record.revision,
    changed: record.changed,
    // Imports made before deletions were possible recorded none.
    tables: Object.fromEntries(
      Object.entries(JSON.parse(record.tables) as ImportReport["tables"]).map(([table, changes]) => [
        table,
        { ...changes, deleted: changes.deleted ?? 0 },
      ]),
    ),
    statements: record.statements === null ? null : (JSON.parse(record.statements) as ImportReport["statements"]),
    createdAt: record.createdAt.toISOString(),
  };
}
