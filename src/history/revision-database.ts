// A past revision of the knowledge base as a database of its own: an embedded
// SQLite file, migrated like any other, holding the rows knowledgeAt derives,
// the statements active then, the change feed up to it and the revision
// itself. Every read then serves that revision as it serves the current one,
// through the same code (asOf: src/plugins/as-of.ts). Written on a thread of
// its own (revision-builder-thread.ts): deriving a large knowledge base again
// takes seconds of CPU that the thread answering reads must not spend.
import { insertRows, type RecordRef } from "../content/apply-rows.js";
import { knowledgeAt } from "../content/knowledge-at.js";
import { sqlRows } from "../content/sql-rows.js";
import { type Database, migrateDatabase, openDatabase } from "../db/database.js";
import { jsonSql } from "../db/json-sql.js";

interface ChangeRow {
  id: number;
  revision: number;
  recordType: string;
  recordId: string;
  change: string;
  createdAt: Date;
}

/** Writes the knowledge base of `source` as of `revision` into a new SQLite `file`. */
export async function writeRevisionDatabase(source: Database, revision: number, file: string): Promise<void> {
  const url = `file:${file}`;
  await migrateDatabase(url);
  const [{ rows, statements }, changes] = await Promise.all([
    knowledgeAt(source, revision),
    changesUpTo(source, revision),
  ]);
  const timesOf = recordTimes(changes);
  const db = await openDatabase(url);
  try {
    await db.writeTransaction(async (tx) => {
      const sql = sqlRows(tx);
      await insertRows(sql, rows, timesOf);
      const statementTimes = timesOf(undefined);
      await sql.insert(
        "Assertion",
        ["id", "documentId", "recordType", "recordId", "fields", "revision", "since", "createdAt", "updatedAt"],
        statements as unknown as Record<string, unknown>[],
        statementTimes,
      );
      await sql.insert(
        "Change",
        ["id", "revision", "recordType", "recordId", "change", "createdAt"],
        changes as unknown as Record<string, unknown>[],
      );
      await sql.insert("Revision", ["id", "value", "createdAt", "updatedAt"], [{ id: 1, value: revision }], {
        createdAt: changes[0]?.createdAt ?? statementTimes.createdAt,
        updatedAt: statementTimes.updatedAt,
      });
    });
  } finally {
    await db.close();
  }
}

async function changesUpTo(db: Database, revision: number): Promise<ChangeRow[]> {
  const { table, param } = jsonSql(db);
  const rows = await db.queryRows<Omit<ChangeRow, "createdAt"> & { createdAt: Date | string }>(
    `SELECT "id", "revision", "recordType", "recordId", "change", "createdAt" FROM ${table("Change")}
     WHERE "revision" <= ${param(1)} ORDER BY "id"`,
    [revision],
  );
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    revision: Number(row.revision),
    createdAt: new Date(row.createdAt),
  }));
}

/**
 * When each record was created (its latest creation: a record deleted and
 * made again is a new one) and last changed, itself or its links, as the
 * change feed says up to the revision. A row with no record of its own (a
 * search document), and any record the feed does not name, takes the time of
 * the revision's last change.
 */
function recordTimes(changes: ChangeRow[]) {
  const latest = changes.at(-1)?.createdAt ?? new Date(0);
  const times = new Map<string, { createdAt: Date; updatedAt: Date }>();
  for (const change of changes) {
    const key = `${change.recordType}\u0000${change.recordId}`;
    const known = times.get(key);
    if (!known || change.change === "created")
      times.set(key, { createdAt: change.createdAt, updatedAt: change.createdAt });
    else known.updatedAt = change.createdAt;
  }
  return (record: RecordRef | undefined) =>
    (record && times.get(record.join("\u0000"))) ?? { createdAt: latest, updatedAt: latest };
}
