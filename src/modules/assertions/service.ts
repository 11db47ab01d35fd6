// Reads what documents state: a page of records' attestations, one document's
// statements, and the list filters on corroboration and conflicts.

import { z } from "zod";
import { groupBy } from "../../content/group-by.js";
import { collectionOf, type RecordType } from "../../content/statements.js";
import type { Database } from "../../db/database.js";
import { jsonSql, limitRows, type Param, statementParams } from "../../db/json-sql.js";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { embeddedLimit } from "../record-refs.js";
import type { EvidenceRow } from "../record-rows.js";
import type { Attestation } from "./schemas.js";

interface StatementRow {
  documentId: string;
  title: string;
  recordId: string;
  recordType: RecordType;
  fields: string;
  revision: number;
  since: number;
}

/**
 * Each record's attestations: the active statements about it, the
 * originating document's first (at most `embeddedLimit`: `sourceCount` says
 * how many there are), each with that document's passages among the record's
 * evidence.
 */
export async function attestationsOf(
  db: Database,
  recordType: RecordType,
  records: { id: string; evidence: EvidenceRow[] }[],
): Promise<Map<string, Attestation[]>> {
  if (records.length === 0) return new Map();
  const sql = jsonSql(db);
  // The first `embeddedLimit` per record, in the rule's order (derive-records.ts's `inOrder`):
  // a record many documents state costs a page, not all of them.
  const rows = await db.queryRows<StatementRow>(
    `SELECT x."documentId", s."title", x."recordId", x."recordType", x."fields", x."revision", x."since"
      FROM (SELECT a.*, ROW_NUMBER() OVER (PARTITION BY a."recordId"
              ORDER BY CASE WHEN a."documentId" = a."recordId" AND a."recordType" = 'source' THEN 0 ELSE 1 END, a."since", a."documentId") AS n
            FROM ${sql.table("Assertion")} a
            WHERE a."recordType" = ${sql.param(1)} AND ${sql.isOneOf(`a."recordId"`, sql.param(2))} AND a."retractedRevision" IS NULL) x
      JOIN ${sql.table("Source")} s ON s."id" = x."documentId"
      WHERE x.n <= ${sql.param(3)}
      ORDER BY x."recordId", x.n`,
    [recordType, JSON.stringify(records.map((record) => record.id)), embeddedLimit],
  );
  const byRecord = groupBy(rows, (row) => row.recordId);
  return new Map(
    records.map((record) => [
      record.id,
      (byRecord.get(record.id) ?? []).map((row) => ({
        source: { id: row.documentId, title: row.title },
        since: Number(row.since),
        revision: Number(row.revision),
        fields: JSON.parse(row.fields) as Record<string, unknown>,
        evidence: record.evidence.filter((passage) => passage.source.id === row.documentId),
      })),
    ]),
  );
}

export interface ProvenanceFilters {
  minSources?: number | undefined;
  contested?: boolean | undefined;
}

/**
 * The list conditions on corroboration and conflicts: on the record's row
 * when the statement reads it (`row`: its alias), else on the records of
 * `row.table` whose id is the SQL `row.id`.
 */
export function provenanceConditions(
  db: Database,
  filters: ProvenanceFilters,
  param: Param,
  row: string | { table: string; id: string },
): string[] {
  const alias = typeof row === "string" ? row : "r";
  const conditions = [
    filters.minSources !== undefined && `${alias}."sourceCount" >= ${param(filters.minSources)}`,
    filters.contested !== undefined && `${alias}."conflicts" ${filters.contested ? "<>" : "="} '[]'`,
  ].filter((condition): condition is string => Boolean(condition));
  if (typeof row === "string" || conditions.length === 0) return conditions;
  return [`${row.id} IN (SELECT r."id" FROM ${jsonSql(db).table(row.table)} r WHERE ${conditions.join(" AND ")})`];
}

const assertionKey = z.tuple([z.string(), z.string()]);

/** A page of what document `id` states, by record type and id. */
export async function listSourceAssertions(
  db: Database,
  id: string,
  options: { recordType?: RecordType | undefined; limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor("assertions", options.cursor, assertionKey);
  const sql = jsonSql(db);
  const { values, param } = statementParams(db);
  const conditions = [
    `a."documentId" = ${param(id)}`,
    `a."retractedRevision" IS NULL`,
    options.recordType && `a."recordType" = ${param(options.recordType)}`,
    after &&
      `(a."recordType" > ${param(after[0])} OR (a."recordType" = ${param(after[0])} AND a."recordId" > ${param(after[1])}))`,
  ].filter((condition): condition is string => Boolean(condition));
  const [exists, rows] = await Promise.all([
    db.queryRows(`SELECT 1 AS "found" FROM ${sql.table("Source")} WHERE "id" = ${sql.param(1)}`, [id]),
    db.queryRows<StatementRow>(
      `SELECT a."recordType", a."recordId", a."fields", a."revision", a."since" FROM ${sql.table("Assertion")} a
        WHERE ${conditions.join(" AND ")} ORDER BY a."recordType", a."recordId" ${limitRows(options.limit + 1)}`,
      values,
    ),
  ]);
  if (exists.length === 0) throw new NotFoundError("source", id);
  const page = toPage("assertions", rows, options.limit, (row) => [row.recordType, row.recordId]);
  return {
    ...page,
    data: page.data.map((row) => ({
      recordType: row.recordType,
      recordId: row.recordId,
      path: `/v1/${collectionOf[row.recordType]}/${row.recordId}`,
      since: Number(row.since),
      revision: Number(row.revision),
      fields: JSON.parse(row.fields) as Record<string, unknown>,
    })),
  };
}
