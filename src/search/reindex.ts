// Fills in the search index of documents stored without it: after the
// migration that added the index (its documents' terms are empty), and, with
// `all`, after a change to how words are folded (seed/spellings.json, the
// stemmer): `npm run kb -- reindex`. A document whose index is unchanged is
// left as it is; one that changes is rewritten, and its triggers rewrite its
// index rows. In batches, each in its own transaction.
import { parseJson } from "../db/json-sql.js";
import type { SqlConnection } from "../db/sql-driver.js";
import { indexColumns } from "./index-document.js";

interface StoredDocument {
  type: string;
  recordId: string;
  title: string;
  body: string;
  terms: string;
  folded: string;
  aliases: string[] | string | null;
}

const batchSize = 500;

/** Returns how many documents it (re)indexed. */
export async function reindexSearch(connection: SqlConnection, options: { all?: boolean } = {}): Promise<number> {
  const sqlite = connection.provider === "sqlite";
  const p = (n: number) => (sqlite ? "?" : `$${n}`);
  let after: [string, string] = ["", ""];
  let written = 0;
  for (;;) {
    const batch = await connection.query<StoredDocument>(
      `SELECT d."type", d."recordId", d."title", d."body", d."terms", d."folded", a."aliases"
      FROM "SearchDocument" d LEFT JOIN "Actor" a ON d."type" = 'actor' AND a."id" = d."recordId"
      WHERE (d."type" > ${p(1)} OR (d."type" = ${p(2)} AND d."recordId" > ${p(3)}))${options.all ? "" : ` AND d."terms" = ''`}
      ORDER BY d."type", d."recordId" LIMIT ${batchSize}`,
      [after[0], after[0], after[1]],
    );
    const last = batch.at(-1);
    if (!last) return written;
    after = [last.type, last.recordId];
    const changed = batch
      .map((doc) => {
        const aliases = doc.type === "actor" ? parseJson<string[]>(doc.aliases ?? "[]") : undefined;
        return { doc, index: indexColumns({ ...doc, names: aliases && [doc.title, ...aliases] }) };
      })
      .filter(({ doc, index }) => doc.terms !== index.terms || doc.folded !== index.folded);
    if (changed.length === 0) continue;
    await connection.executeScript("BEGIN");
    try {
      for (const { doc, index } of changed) {
        await connection.query(
          `UPDATE "SearchDocument" SET "terms" = ${p(1)}, "folded" = ${p(2)} WHERE "type" = ${p(3)} AND "recordId" = ${p(4)}`,
          [index.terms, index.folded, doc.type, doc.recordId],
        );
      }
      await connection.executeScript("COMMIT");
    } catch (error) {
      await connection.executeScript("ROLLBACK");
      throw error;
    }
    written += changed.length;
  }
}
