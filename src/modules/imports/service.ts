// Imports a content bundle in one transaction: validates shape, references
// (actors may already exist) and provenance (every quote verbatim in the
// document), checks that the importer owns the document and that its actors
// are not second records of stored ones (ownership.ts), writes the document's
// statements (write-documents.ts), and records a report, all or nothing. A
// dry run does the same and rolls it back.
import { randomUUID } from "node:crypto";
import { type Bundle, bundlePassages, draftProblems } from "../../content/bundle-schema.js";
import { ContentError } from "../../content/content-error.js";
import { runSharingTheLoop } from "../../content/event-loop-share.js";
import { knownIds } from "../../content/import-knowledge.js";
import { createQuoteLocator } from "../../content/quote-locator.js";
import { type ResolvedDocument, resolvingDocument } from "../../content/resolve-bundle.js";
import { sqlRows } from "../../content/sql-rows.js";
import type { WriteOptions, WriteReport } from "../../content/write-documents.js";
import type { Database, SqlTransaction } from "../../db/database.js";
import { NotFoundError } from "../../http/problem.js";
import { assertOwner, refuseSecondActors } from "./ownership.js";
import type { DryRunReport, ImportReport } from "./schemas.js";

/** The hooks an import runs inside the write's transaction. */
export type ImportHooks = Pick<WriteOptions, "prepare" | "review" | "beforeCommit">;

export interface ImportOptions {
  /** Writes the document in one transaction (the app's writer, which also publishes the revision). */
  write: (documents: ResolvedDocument[], hooks: ImportHooks) => Promise<WriteReport>;
  /** The API key importing; absent for an operator's import (`kb import`), which owns every document. */
  key?: { id: string; admin: boolean } | undefined;
  /** Import records still marked as drafts (`kb draft`); otherwise they are refused. */
  acceptDrafts?: boolean | undefined;
}

/** Carries a dry run's report out of the transaction it rolls back. */
class DryRunRollback extends Error {
  constructor(readonly report: WriteReport) {
    super("a dry run rolls back its transaction");
  }
}

/**
 * Does everything the import would, its checks (ownership, second actors,
 * dangling references) included, and rolls it back: what it reports is what
 * the import would do against the knowledge base as it is now.
 */
export async function dryRunBundle(db: Database, bundle: Bundle, options: ImportOptions): Promise<DryRunReport> {
  try {
    await writeBundle(db, bundle, options, (applied) => {
      throw new DryRunRollback(applied);
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    const { changed, revision, tables, statements, records } = error.report;
    return {
      dryRun: true,
      sourceId: bundle.document.id,
      changed,
      revision,
      tables,
      statements,
      records: records.map((change) => ({
        type: change.recordType as DryRunReport["records"][number]["type"],
        id: change.recordId,
        change: change.change,
      })),
    };
  }
  throw new Error("a dry run's transaction was not rolled back");
}

export async function importBundle(db: Database, bundle: Bundle, options: ImportOptions): Promise<ImportReport> {
  let record: ImportRecordRow | undefined;
  // In the write's transaction: a report exists exactly when its import does.
  await writeBundle(db, bundle, options, async (applied, tx) => {
    const now = new Date();
    const row = {
      id: randomUUID(),
      sourceId: bundle.document.id,
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
  });
  if (!record) throw new Error("the import's transaction committed without its report");
  return toReport(record);
}

/** Resolves the bundle and writes it through `options.write`, running `beforeCommit` in its transaction. */
async function writeBundle(
  db: Database,
  bundle: Bundle,
  options: ImportOptions,
  beforeCommit: (applied: WriteReport, tx: SqlTransaction) => Promise<void>,
): Promise<void> {
  const drafts = options.acceptDrafts ? [] : draftProblems(bundle);
  if (drafts.length > 0) throw new ContentError(drafts);
  const known = await knownIds(db.prisma, [bundle]);
  // The quotes' searches, the longest part of resolving, in slices between which reads are answered.
  const locate = createQuoteLocator(bundle.document.text);
  await locate.prefetch(bundlePassages(bundle));
  const resolved = await runSharingTheLoop(resolvingDocument(bundle, known, locate));
  await options.write([resolved], {
    prepare: (tx) => assertOwner(tx, bundle.document.id, options.key),
    review: (tx, others) => refuseSecondActors(tx, resolved, others),
    beforeCommit: (tx, applied) => beforeCommit(applied, tx),
  });
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
