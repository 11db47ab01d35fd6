// The SQLite writer's thread: runs the write transactions' statements on a
// connection of its own, so that neither a statement nor the commit of a large
// import (writing its pages to the log, then checkpointing them: about 100 ms
// for 5,000 records) holds the event loop that answers reads (issue 18).
// write-transaction.ts sends it one statement at a time.
import { parentPort, workerData } from "node:worker_threads";
import Sqlite from "better-sqlite3";

/** A statement to run: `params` absent for a script without parameters (BEGIN, COMMIT). */
export interface WriterRequest {
  id: number;
  sql: string;
  params?: unknown[];
}

export type WriterResponse =
  | { id: number; rows: unknown[] }
  | { id: number; changes: number }
  | { id: number; error: { message: string; code?: string } };

const { file } = workerData as { file: string };
const connection = new Sqlite(file);
connection.pragma("journal_mode = WAL");
connection.pragma("foreign_keys = ON");
connection.pragma("busy_timeout = 5000");

function run({ id, sql, params }: WriterRequest): WriterResponse {
  try {
    if (params === undefined) {
      // A ROLLBACK after a failed statement SQLite has already rolled back is nothing to undo.
      if (sql !== "ROLLBACK" || connection.inTransaction) connection.exec(sql);
      return { id, changes: 0 };
    }
    const prepared = connection.prepare(sql);
    return prepared.reader ? { id, rows: prepared.all(...params) } : { id, changes: prepared.run(...params).changes };
  } catch (error) {
    const { message, code } = error as { message: string; code?: string };
    return { id, error: code === undefined ? { message } : { message, code } };
  }
}

parentPort?.on("message", (request: WriterRequest | "close") => {
  if (request === "close") {
    connection.close();
    parentPort?.close();
    return;
  }
  parentPort?.postMessage(run(request));
});
