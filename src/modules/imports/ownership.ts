// What an import may change. A document belongs to the key that first imported
// it (a document loaded by the seed or `kb import`, to those alone); its text
// may change only if every passage already quoted from it is still there,
// verbatim and once; and a record any other document gives evidence for is
// that source's too, so an import may add to it but not rewrite it.
import type { PlannedUpdates } from "../../content/apply-rows.js";
import type { Bundle } from "../../content/bundle-schema.js";
import { abbreviate, createQuoteLocator } from "../../content/quote-locator.js";
import { identityNames } from "../../content/resolve-bundle.js";
import type { ActorIdentityRow, EvidenceRow, KnowledgeRows } from "../../content/rows.js";
import { sqlRows } from "../../content/sql-rows.js";
import { rawTable, type SqlTransaction } from "../../db/database.js";
import { statementParams } from "../../db/json-sql.js";
import { ConflictError, ForbiddenError } from "../../http/problem.js";

/** How many offending passages or records a refusal names. */
const named = 5;

/**
 * Refuses an import of a document its importer does not own, or whose new text
 * loses a passage already quoted; returns the stored evidence of the document
 * that the bundle does not restate, anchored in the new text.
 */
export async function guardDocument(
  tx: SqlTransaction,
  document: Bundle["document"],
  rows: KnowledgeRows,
  /** The importing API key (`admin`: it may import other keys' documents); undefined for an operator (`kb import`). */
  key: { id: string; admin: boolean } | undefined,
): Promise<Partial<KnowledgeRows> | undefined> {
  const sql = sqlRows(tx);
  const [stored] = await sql.select("Source", ["text"], { column: "id", values: [document.id] });
  // A source only cited so far has no text of its own to protect: review() guards its fields.
  if (stored?.text == null) return undefined;
  if (key !== undefined) await assertOwner(tx, document.id, key);
  if (stored.text === document.text) return undefined;

  const restated = new Set(rows.evidence.map((row) => row.id));
  const locate = createQuoteLocator(document.text);
  const reanchored: EvidenceRow[] = [];
  const lost: string[] = [];
  const passages = (await sql.select("Evidence", evidenceColumns, {
    column: "sourceId",
    values: [document.id],
  })) as unknown as EvidenceRow[];
  for (const row of passages.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const location = locate(row.quote);
    if ("problem" in location) lost.push(row.quote);
    else if (!restated.has(row.id)) reanchored.push({ ...row, ...location });
  }
  if (lost.length > 0) {
    throw new ConflictError(
      `The document "${document.id}" is already imported, and its new text no longer holds ${lost.length} passage(s) quoted from it verbatim and once: ${quoteList(lost)}. Keep every quoted passage in the text, or import the new text as a document of its own.`,
    );
  }
  return { evidence: reanchored };
}

const evidenceColumns: (keyof EvidenceRow)[] = [
  "id",
  "sourceId",
  "quote",
  "start",
  "end",
  "actorId",
  "eventId",
  "claimId",
  "implicationId",
  "mentionedSourceId",
];

async function assertOwner(tx: SqlTransaction, documentId: string, key: { id: string; admin: boolean }): Promise<void> {
  const { values, param } = statementParams(tx);
  const [first] = await tx.query<{ keyId: string | null }>(
    `SELECT "keyId" FROM ${rawTable(tx, "ImportRecord")} WHERE "sourceId" = ${param(documentId)} ORDER BY "createdAt", "id" LIMIT 1`,
    values,
  );
  if (!first || first.keyId === null) {
    throw new ForbiddenError(
      `The document "${documentId}" was loaded by the seed or an operator; only they can change it.`,
    );
  }
  if (first.keyId !== key.id && !key.admin) {
    throw new ForbiddenError(
      `The document "${documentId}" was imported with another API key; only that key can import it again.`,
    );
  }
}

/** The evidence columns that say which record a passage supports, by the change feed's record type. */
const evidenceColumn = {
  actors: "actorId",
  events: "eventId",
  claims: "claimId",
  implications: "implicationId",
  sources: "mentionedSourceId",
} as const;
type RecordType = keyof typeof evidenceColumn;

/** Refuses a write that would change, in place, a record that a document other than `documentId` gives evidence for. */
export async function refuseOtherSourcesRecords(
  tx: SqlTransaction,
  documentId: string,
  updates: PlannedUpdates,
): Promise<void> {
  const changed = new Map<RecordType, Set<string>>();
  for (const { table, record } of updates) {
    // Evidence is scoped by document, and search documents are derived: neither is anyone else's.
    if (!record || table === "evidence" || table === "searchDocuments") continue;
    const [type, id] = record;
    if (!(type in evidenceColumn) || (type === "sources" && id === documentId)) continue;
    const ids = changed.get(type as RecordType) ?? new Set();
    changed.set(type as RecordType, ids.add(id));
  }
  const conflicts: string[] = [];
  for (const [type, ids] of changed) {
    const column = evidenceColumn[type];
    const all = [...ids];
    // In chunks: a bundle may update more records than a query may bind parameters.
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      // SQLite's placeholders are positional: the parameters in the order the statement names them.
      const { values, param } = statementParams(tx);
      const notFrom = `"sourceId" <> ${param(documentId)}`;
      const inChunk = () => chunk.map((id) => param(id)).join(", ");
      const about = `"${column}" IN (${inChunk()})${type === "sources" ? ` OR "sourceId" IN (${inChunk()})` : ""}`;
      const others = await tx.query<Record<string, string | null>>(
        `SELECT DISTINCT "sourceId", "${column}" FROM ${rawTable(tx, "Evidence")} WHERE ${notFrom} AND (${about})`,
        values,
      );
      for (const row of others) {
        conflicts.push(`${type}/${row[column] ?? row.sourceId} (from "${row.sourceId}")`);
      }
    }
  }
  if (conflicts.length > 0) {
    throw new ConflictError(
      `The bundle changes ${conflicts.length} record(s) that other sources give evidence for: ${conflicts.slice(0, named).join(", ")}${conflicts.length > named ? ", …" : ""}. An import may cite such a record and add to it, but not rewrite what another source says: keep its fields as they are, or give your version its own id.`,
    );
  }
}

/**
 * One actor, one record: refuses a bundle's actor that the knowledge base
 * already has under another id (the same Wikidata item, code, or exact name
 * or alias), and one that gives a stored actor another Wikidata item or code.
 */
export async function refuseSecondActors(tx: SqlTransaction, rows: KnowledgeRows): Promise<void> {
  if (rows.actors.length === 0) return;
  const sql = sqlRows(tx);
  const claimedBy = new Map(rows.actorIdentities.map((row) => [`${row.kind}\u0000${row.value}`, row.actorId]));
  const distinct = (values: string[]) => [...new Set(values)];
  const stored = await sql.select("ActorIdentity", ["kind", "value", "actorId"], {
    column: "value",
    values: distinct(rows.actorIdentities.map((row) => row.value)),
    also: { column: "kind", values: distinct(rows.actorIdentities.map((row) => row.kind)) },
  });
  const conflicts: string[] = [];
  for (const row of stored as unknown as ActorIdentityRow[]) {
    const claimant = claimedBy.get(`${row.kind}\u0000${row.value}`);
    if (claimant !== undefined && claimant !== row.actorId) {
      conflicts.push(`"${claimant}" is "${row.actorId}" (the same ${identityNames[row.kind]}, "${row.value}")`);
    }
  }
  const existing = await sql.select("Actor", ["id", "wikidataId", "iso3"], {
    column: "id",
    values: rows.actors.map((actor) => actor.id),
  });
  const wanted = new Map(rows.actors.map((actor) => [actor.id, actor]));
  for (const actor of existing as { id: string; wikidataId: string | null; iso3: string | null }[]) {
    for (const [column, kind] of [
      ["wikidataId", "wikidata"],
      ["iso3", "iso3"],
    ] as const) {
      const given = wanted.get(actor.id)?.[column] ?? null;
      if (actor[column] !== null && given !== actor[column]) {
        conflicts.push(
          `"${actor.id}" is ${identityNames[kind]} "${actor[column]}", not ${given === null ? "none" : `"${given}"`}`,
        );
      }
    }
  }
  if (conflicts.length > 0) {
    throw new ConflictError(
      `The bundle defines ${conflicts.length} actor(s) the knowledge base already has: ${conflicts.slice(0, named).join("; ")}${conflicts.length > named ? "; …" : ""}. One actor, one record: reference an existing actor by its id, and keep its Wikidata item and code as they are.`,
    );
  }
}

function quoteList(quotes: string[]): string {
  const shown = quotes.slice(0, named).map((quote) => `"${abbreviate(quote, 60)}"`);
  return `${shown.join(", ")}${quotes.length > named ? ", …" : ""}`;
}
