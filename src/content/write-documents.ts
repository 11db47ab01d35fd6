// Writes documents' complete statements in one transaction. Each document's
// stored statements are made to match its new ones exactly (a statement that
// changed is retracted and restated; one the document no longer makes is
// retracted), other documents' are never touched, and every record a
// document states or stated is derived again from all the active statements
// about it (derive-records.ts): one that no document states any more is
// deleted. The seed, an import and an export's load all write this way.
import type { Database, SqlTransaction } from "../db/database.js";
import { ConflictError } from "../http/problem.js";
import {
  type ApplyReport,
  applyPlans,
  bumpRevision,
  deletedRows,
  insertChanges,
  plansChange,
  planTables,
  type RecordChange,
  type RecordRef,
  recordChanges,
  reportOf,
  revisionIn,
  type Scopes,
  type TableChanges,
} from "./apply-rows.js";
import { type DerivedRecord, deriveRecord } from "./derive-records.js";
import { createPause, runSharingTheLoop } from "./event-loop-share.js";
import { groupBy } from "./group-by.js";
import { derivingRows, type knowledgeRows, type ResolvedDocument } from "./resolve-bundle.js";
import type { EvidenceRow } from "./rows.js";
import { type Row, type SqlRows, sqlRows } from "./sql-rows.js";
import {
  type Attested,
  canonicalJson,
  collectionOf,
  evidenceColumnOf,
  type RecordType,
  recordTypes,
} from "./statements.js";

export interface WriteOptions {
  /**
   * Run first inside the transaction to keep other writers out until it commits
   * (`writerLock` on PostgreSQL), so concurrent writes from several instances
   * each plan against what the previous one committed.
   */
  lock?: ((tx: SqlTransaction) => Promise<unknown>) | undefined;
  /** Run after the lock, before anything is read: may refuse the write (by throwing). */
  prepare?: ((tx: SqlTransaction) => Promise<void>) | undefined;
  /** Run once the write is planned, given what other documents state about its records: may refuse it. */
  review?: ((tx: SqlTransaction, others: Attested[]) => Promise<void>) | undefined;
  /** Called inside the transaction before it commits (the import's report); a throw rolls everything back. */
  beforeCommit?: ((tx: SqlTransaction, report: WriteReport) => void | Promise<void>) | undefined;
}

/** What a write did: the tables' changes, its documents' statements made, kept and retracted, and each record it changed. */
export type WriteReport = ApplyReport & {
  statements: { made: number; kept: number; retracted: number };
  records: RecordChange[];
};

interface StoredStatement {
  id: number;
  documentId: string;
  recordType: RecordType;
  recordId: string;
  fields: string;
  since: number;
  retractedRevision: number | null;
}
const statementColumns = ["id", "documentId", "recordType", "recordId", "fields", "since", "retractedRevision"];

const recordKey = (recordType: string, recordId: string) => `${recordType}\u0000${recordId}`;

/**
 * Writes the documents in one transaction, one after another, each at a
 * revision of its own when it changes anything: so documents loaded together
 * (an export) originate records in the order they come in.
 */
export async function writeDocuments(
  db: Database,
  documents: ResolvedDocument[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  return db.writeTransaction(async (tx) => {
    await options.lock?.(tx);
    await options.prepare?.(tx);
    const reports: WriteReport[] = [];
    for (const document of documents) reports.push(await writeStatements(tx, document, options.review));
    const report = reports.reduce(sumReports, {
      changed: false,
      revision: await revisionIn(tx),
      tables: {} as WriteReport["tables"],
      statements: { made: 0, kept: 0, retracted: 0 },
      records: [],
    });
    await options.beforeCommit?.(tx, report);
    return report;
  });
}

function sumReports(total: WriteReport, report: WriteReport): WriteReport {
  const tables = { ...total.tables };
  for (const [table, changes] of Object.entries(report.tables) as [keyof WriteReport["tables"], TableChanges][]) {
    const sum = tables[table] ?? { created: 0, updated: 0, unchanged: 0, deleted: 0 };
    tables[table] = {
      created: sum.created + changes.created,
      updated: sum.updated + changes.updated,
      unchanged: sum.unchanged + changes.unchanged,
      deleted: sum.deleted + changes.deleted,
    };
  }
  return {
    changed: total.changed || report.changed,
    revision: report.revision,
    tables,
    statements: {
      made: total.statements.made + report.statements.made,
      kept: total.statements.kept + report.statements.kept,
      retracted: total.statements.retracted + report.statements.retracted,
    },
    records: [...total.records, ...report.records],
  };
}

/** Makes a document's stored statements its new ones, at one revision, inside the write's transaction. */
async function writeStatements(
  tx: SqlTransaction,
  document: ResolvedDocument,
  review: WriteOptions["review"],
): Promise<WriteReport> {
  const sql = sqlRows(tx);
  // Comparing and deriving a 5,000-record document is some tens of milliseconds of each: reads are answered between.
  const pause = createPause();
  const now = new Date();
  const current = await revisionIn(tx);
  const next = current + 1;
  const { documentId } = document;

  // What the document stated, against what it states now.
  const stored = (
    (await sql.select("Assertion", statementColumns, {
      column: "documentId",
      values: [documentId],
    })) as unknown as StoredStatement[]
  ).filter((row) => row.retractedRevision === null);
  const storedByKey = new Map(stored.map((row) => [recordKey(row.recordType, row.recordId), row]));
  const records = new Map<string, { recordType: RecordType; recordId: string }>();
  const made: (Attested & { json: string })[] = [];
  const retracted: StoredStatement[] = [];
  const stating: Attested[] = [];
  let kept = 0;
  for (const statement of document.statements) {
    const key = recordKey(statement.recordType, statement.recordId);
    records.set(key, { recordType: statement.recordType, recordId: statement.recordId });
    const before = storedByKey.get(key);
    storedByKey.delete(key);
    const attested = { ...statement, documentId, revision: before?.since ?? next };
    stating.push(attested);
    const json = canonicalJson(statement.fields);
    if (before && sameStatement(before.fields, json)) kept += 1;
    else {
      if (before) retracted.push(before);
      made.push({ ...attested, json });
    }
    await pause();
  }
  for (const before of storedByKey.values()) {
    retracted.push(before);
    records.set(recordKey(before.recordType, before.recordId), before);
  }

  // Every other document's active statements about those records.
  const touched = [...records.values()];
  const others = (await statementsAbout(sql, touched))
    .filter((row) => row.documentId !== documentId)
    .map(
      (row): Attested =>
        ({
          recordType: row.recordType,
          recordId: row.recordId,
          documentId: row.documentId,
          revision: row.since,
          fields: JSON.parse(row.fields),
        }) as Attested,
    );
  const byRecord = groupBy([...others, ...stating], (statement) => recordKey(statement.recordType, statement.recordId));
  const derived: DerivedRecord[] = [];
  for (const statements of byRecord.values()) {
    derived.push(deriveRecord(statements));
    await pause();
  }

  // The records' search documents hold every document's quotes for them.
  const othersEvidence = (await evidenceOf(sql, touched)).filter((row) => row.sourceId !== documentId);
  const rows = await runSharingTheLoop(derivingRows(derived, [...othersEvidence, ...document.evidence], new Map()));
  rows.evidence = document.evidence;
  rows.citations = document.citations;
  // A document's text is its own: written below, never derived.
  rows.sources = rows.sources.map(({ text: _, ...source }) => source) as typeof rows.sources;

  const plans = await planTables(sql, rows, scopesOf(touched, documentId));
  await refuseDanglingReferences(sql, plans, rows, touched);
  await review?.(tx, others);

  const textChanged = await isNewText(sql, document);
  const changed = made.length + retracted.length > 0 || textChanged || plansChange(plans);
  const revision = changed ? await bumpRevision(tx, now) : current;
  await applyPlans(sql, plans, now);
  if (textChanged)
    await sql.update("Source", ["id"], ["text", "updatedAt"], { id: documentId, text: document.text, updatedAt: now });
  await sql.insert(
    "Assertion",
    ["documentId", "recordType", "recordId", "fields", "revision", "since", "createdAt", "updatedAt"],
    made.map((statement) => ({
      ...statement,
      fields: statement.json,
      since: statement.revision === next ? revision : statement.revision,
      revision,
    })),
    { createdAt: now, updatedAt: now },
  );
  for (const statement of retracted) {
    await sql.update("Assertion", ["id"], ["retractedRevision", "updatedAt"], {
      id: statement.id,
      retractedRevision: revision,
      updatedAt: now,
    });
  }
  // The document as this revision leaves it: what the knowledge base as of a revision is derived from, with the statements.
  if (changed)
    await sql.insert(
      "DocumentVersion",
      ["documentId", "revision", "text", "evidence", "createdAt"],
      [
        {
          documentId,
          revision,
          text: document.text,
          evidence: JSON.stringify(document.evidence.map(versionedEvidence)),
        },
      ],
      { createdAt: now },
    );
  const restated = [...made, ...retracted].map((s): RecordRef => [collectionOf[s.recordType], s.recordId]);
  const newText: RecordRef[] = textChanged ? [["sources", documentId]] : [];
  const changes = changed ? recordChanges(plans, [...restated, ...newText]) : [];
  await insertChanges(sql, changes, revision, now);
  return {
    changed,
    revision,
    tables: reportOf(plans),
    statements: { made: made.length, kept, retracted: retracted.length },
    records: changes,
  };
}

/** An evidence row as a document version keeps it: its document is the version's. */
const versionedEvidence = ({ sourceId: _, ...row }: EvidenceRow) => row;

/**
 * Whether a stored statement is `json` (canonical): stored by this writer it
 * is the same text; written by the upgrade's SQL, the same once made canonical.
 */
function sameStatement(stored: string, json: string): boolean {
  return stored === json || canonicalJson(JSON.parse(stored)) === json;
}

/** The active statements about these records, every document's. */
async function statementsAbout(
  sql: SqlRows,
  records: { recordType: string; recordId: string }[],
): Promise<StoredStatement[]> {
  if (records.length === 0) return [];
  const wanted = new Set(records.map((r) => recordKey(r.recordType, r.recordId)));
  const rows = (await sql.select("Assertion", statementColumns, {
    column: "recordId",
    values: [...new Set(records.map((r) => r.recordId))],
    also: { column: "recordType", values: [...new Set(records.map((r) => r.recordType))] },
  })) as unknown as StoredStatement[];
  return rows.filter((row) => row.retractedRevision === null && wanted.has(recordKey(row.recordType, row.recordId)));
}

const evidenceColumns = [
  "id",
  "sourceId",
  "quote",
  "start",
  "end",
  "actorId",
  "eventId",
  "claimId",
  "implicationId",
  "issueId",
  "positionId",
  "resolutionId",
  "mentionedSourceId",
];

/** The stored evidence for these records, through each evidence column's index. */
async function evidenceOf(sql: SqlRows, records: { recordType: RecordType; recordId: string }[]) {
  const found: EvidenceRow[] = [];
  for (const type of recordTypes) {
    const ids = records.filter((r) => r.recordType === type).map((r) => r.recordId);
    if (ids.length === 0) continue;
    const column = evidenceColumnOf[type];
    found.push(
      ...((await sql.select("Evidence", evidenceColumns, { column, values: ids })) as unknown as EvidenceRow[]),
    );
  }
  return found;
}

/** The rows a write determines: the records it derives again, their links and search documents, its document's evidence and citations. */
function scopesOf(records: { recordType: RecordType; recordId: string }[], documentId: string): Scopes {
  const ids = (type: RecordType) => records.filter((r) => r.recordType === type).map((r) => r.recordId);
  const byId = (type: RecordType) => ({ column: "id", values: ids(type) });
  const owned = (column: string, type: RecordType) => ({ column, values: ids(type) });
  const keys = new Set(records.map((r) => recordKey(r.recordType, r.recordId)));
  return {
    sources: byId("source"),
    actors: byId("actor"),
    events: byId("event"),
    claims: byId("claim"),
    implications: byId("implication"),
    issues: byId("issue"),
    positions: byId("position"),
    resolutions: byId("resolution"),
    citations: { column: "citingId", values: [documentId] },
    actorIdentities: owned("actorId", "actor"),
    participants: owned("eventId", "event"),
    claimActors: owned("claimId", "claim"),
    implicationActors: owned("implicationId", "implication"),
    implicationClaims: owned("implicationId", "implication"),
    evidence: { column: "sourceId", values: [documentId] },
    searchDocuments: {
      column: "recordId",
      values: [...new Set(records.map((r) => r.recordId))],
      also: { column: "type", values: [...new Set(records.map((r) => r.recordType))] },
      contains: (row) => keys.has(recordKey(String(row.type), String(row.recordId))),
    },
  };
}

/** How records reference others: a record no document states any more may not be left referenced. */
const references = [
  {
    target: "actor",
    table: "EventParticipant",
    rows: "participants",
    column: "actorId",
    owner: "eventId",
    ownerType: "event",
  },
  {
    target: "actor",
    table: "ClaimActor",
    rows: "claimActors",
    column: "actorId",
    owner: "claimId",
    ownerType: "claim",
  },
  {
    target: "actor",
    table: "ImplicationActor",
    rows: "implicationActors",
    column: "actorId",
    owner: "implicationId",
    ownerType: "implication",
  },
  { target: "actor", table: "Claim", rows: "claims", column: "speakerId", owner: "id", ownerType: "claim" },
  { target: "actor", table: "Actor", rows: "actors", column: "actsForId", owner: "id", ownerType: "actor" },
  {
    target: "claim",
    table: "ImplicationClaim",
    rows: "implicationClaims",
    column: "claimId",
    owner: "implicationId",
    ownerType: "implication",
  },
  { target: "actor", table: "Position", rows: "positions", column: "actorId", owner: "id", ownerType: "position" },
  { target: "issue", table: "Position", rows: "positions", column: "issueId", owner: "id", ownerType: "position" },
  { target: "claim", table: "Position", rows: "positions", column: "claimId", owner: "id", ownerType: "position" },
  { target: "event", table: "Position", rows: "positions", column: "eventId", owner: "id", ownerType: "position" },
  {
    target: "implication",
    table: "Resolution",
    rows: "resolutions",
    column: "implicationId",
    owner: "id",
    ownerType: "resolution",
  },
  {
    target: "source",
    table: "SourceCitation",
    rows: "citations",
    column: "citedId",
    owner: "citingId",
    ownerType: "source",
  },
] as const;

/**
 * Refuses a write that takes back the last statement of a record that
 * another record still references (an actor another document's event names):
 * deleting it would silently drop that document's link.
 */
async function refuseDanglingReferences(
  sql: SqlRows,
  plans: Awaited<ReturnType<typeof planTables>>,
  rows: ReturnType<typeof knowledgeRows>,
  touched: { recordType: RecordType; recordId: string }[],
): Promise<void> {
  const idsDeleted = (table: keyof typeof rows) => new Set(deletedRows(plans, table).map((row) => String(row.id)));
  const deleted = {
    actor: idsDeleted("actors"),
    claim: idsDeleted("claims"),
    event: idsDeleted("events"),
    implication: idsDeleted("implications"),
    issue: idsDeleted("issues"),
    source: idsDeleted("sources"),
  };
  if (Object.values(deleted).every((ids) => ids.size === 0)) return;
  const rederived = new Set(touched.map((r) => recordKey(r.recordType, r.recordId)));
  const dangling: string[] = [];
  for (const reference of references) {
    const targets = deleted[reference.target];
    if (targets.size === 0) continue;
    const wanted = rows[reference.rows] as unknown as Row[];
    const stored = await sql.select(reference.table, [reference.column, reference.owner], {
      column: reference.column,
      values: [...targets],
    });
    // Stored rows of records this write derives again are replaced by `wanted`.
    const kept = stored.filter((row) => !rederived.has(recordKey(reference.ownerType, String(row[reference.owner]))));
    for (const row of [...wanted, ...kept]) {
      const target = row[reference.column];
      if (typeof target === "string" && targets.has(target))
        dangling.push(`${reference.target} "${target}" (by ${reference.ownerType} "${String(row[reference.owner])}")`);
    }
  }
  if (dangling.length > 0) {
    throw new ConflictError(
      `The write takes back the last statement of ${dangling.length} record(s) that other records still reference: ${dangling.slice(0, 5).join(", ")}${dangling.length > 5 ? ", …" : ""}. Keep stating them, or first remove what references them.`,
    );
  }
}

/** Whether the document's stored text is not the text it now gives (or it has none yet). */
async function isNewText(sql: SqlRows, document: ResolvedDocument): Promise<boolean> {
  const [stored] = await sql.select("Source", ["text"], { column: "id", values: [document.documentId] });
  return stored?.text !== document.text;
}
