// What an import may change. A document belongs to the key that first imported
// it (a document loaded by the seed or `kb import`, to those alone); and one
// actor is one record, whichever document states it.
import type { ResolvedDocument } from "../../content/resolve-bundle.js";
import { identityNames } from "../../content/resolve-bundle.js";
import type { ActorIdentityRow } from "../../content/rows.js";
import { sqlRows } from "../../content/sql-rows.js";
import type { ActorFields, Attested } from "../../content/statements.js";
import { rawTable, type SqlTransaction } from "../../db/database.js";
import { statementParams } from "../../db/json-sql.js";
import { ConflictError, ForbiddenError } from "../../http/problem.js";

/** How many offending records a refusal names. */
const named = 5;

/**
 * Refuses an import of a document already imported by another key, or loaded
 * by the seed or an operator. `key`: the importing API key (`admin`: it may
 * import other keys' documents); undefined for an operator (`kb import`).
 */
export async function assertOwner(
  tx: SqlTransaction,
  documentId: string,
  key: { id: string; admin: boolean } | undefined,
): Promise<void> {
  if (key === undefined) return;
  // A source only cited so far is no one's document yet. (Whether it has a text, not the text: up to 2 MB.)
  const document = statementParams(tx);
  const imported = await tx.query(
    `SELECT 1 AS "found" FROM ${rawTable(tx, "Source")} WHERE "id" = ${document.param(documentId)} AND "text" IS NOT NULL`,
    document.values,
  );
  if (imported.length === 0) return;
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

/**
 * One actor, one record: refuses a bundle's actor that the knowledge base
 * already has under another id (the same Wikidata item, code, or exact name
 * or alias), and one that gives an actor another document states a
 * different Wikidata item or code.
 */
export async function refuseSecondActors(
  tx: SqlTransaction,
  document: ResolvedDocument,
  others: Attested[],
): Promise<void> {
  const { actorIdentities } = document;
  if (actorIdentities.length === 0) return;
  const claimedBy = new Map(actorIdentities.map((row) => [`${row.kind}\u0000${row.value}`, row.actorId]));
  const distinct = (values: string[]) => [...new Set(values)];
  const stored = await sqlRows(tx).select("ActorIdentity", ["kind", "value", "actorId"], {
    column: "value",
    values: distinct(actorIdentities.map((row) => row.value)),
    also: { column: "kind", values: distinct(actorIdentities.map((row) => row.kind)) },
  });
  const conflicts: string[] = [];
  for (const row of stored as unknown as ActorIdentityRow[]) {
    const claimant = claimedBy.get(`${row.kind}\u0000${row.value}`);
    if (claimant !== undefined && claimant !== row.actorId) {
      conflicts.push(`"${claimant}" is "${row.actorId}" (the same ${identityNames[row.kind]}, "${row.value}")`);
    }
  }
  const given = new Map(
    document.statements.flatMap((s) => (s.recordType === "actor" ? [[s.recordId, s.fields] as const] : [])),
  );
  for (const other of others) {
    const fields = given.get(other.recordId);
    if (other.recordType !== "actor" || !fields) continue;
    for (const [field, kind] of [
      ["wikidataId", "wikidata"],
      ["iso3", "iso3"],
    ] as const) {
      const theirs = (other.fields as ActorFields)[field];
      const ours = fields[field];
      if (theirs !== undefined && ours !== undefined && theirs !== ours) {
        conflicts.push(
          `"${other.recordId}" is ${identityNames[kind]} "${theirs}" (as "${other.documentId}" states), not "${ours}"`,
        );
      }
    }
  }
  if (conflicts.length > 0) {
    throw new ConflictError(
      `The bundle defines ${conflicts.length} actor(s) the knowledge base already has: ${[...new Set(conflicts)].slice(0, named).join("; ")}${conflicts.length > named ? "; …" : ""}. One actor, one record: reference an existing actor by its id, and keep its Wikidata item and code as they are.`,
    );
  }
}
