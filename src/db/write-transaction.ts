// The knowledge base's writes: one transaction at a time, in SQL over the
// driver, not through Prisma. Prisma 6 compiles every query, raw ones
// included, in WebAssembly on the event loop: a 4,000-claim import spent most
// of its time and half its memory there (issue 18).
//
// SQLite: a connection of the writer's own, in WAL mode (the readers'
// connections see each commit), whose transactions run one after another. The
// driver is synchronous, so the connection lives on a thread of its own
// (sqlite-writer-thread.ts): reads are answered while a statement, or the
// commit of a long import, runs.
// PostgreSQL: a connection from the pool for the transaction's length.
import { once } from "node:events";
import type pg from "pg";
import { ServiceUnavailableError } from "../http/problem.js";
import type { DatabaseLocation } from "./database-url.js";
import { sqliteDateTime } from "./json-sql.js";
import type { WriterRequest, WriterResponse } from "./sqlite-writer-thread.js";
import { startThread } from "./threads.js";

/** Statements inside one write transaction (`?` parameters on SQLite, `$n` on PostgreSQL). */
export interface SqlTransaction {
  readonly location: DatabaseLocation;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a statement that returns no rows; gives how many rows it changed. */
  execute(sql: string, params?: unknown[]): Promise<number>;
}

export interface Writer {
  /** Runs `work` in a transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A value as better-sqlite3 binds it: a Date as the ISO text Prisma's adapter writes, a boolean as 0 or 1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return sqliteDateTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

export function openSqliteWriter(location: DatabaseLocation & { provider: "sqlite" }): Writer {
  // Started on the first write: most processes only ever read.
  let thread: WriterThread | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    transaction<T>(work: (tx: SqlTransaction) => Promise<T>) {
      const run = queue.then(async () => {
        // A thread that has stopped (crashed) is replaced: its transaction was never committed.
        if (!thread?.running()) thread = startWriterThread(location.file);
        const { send, close } = thread;
        const tx: SqlTransaction = {
          location,
          query: async <Row>(sql: string, params: unknown[] = []) =>
            (await send(sql, params.map(sqliteValue))) as Row[],
          execute: async (sql, params = []) => (await send(sql, params.map(sqliteValue))) as number,
        };
        await send("BEGIN IMMEDIATE");
        try {
          const result = await work(tx);
          await send("COMMIT");
          return result;
        } catch (error) {
          // A connection that cannot roll back is closed (which rolls back) and replaced on the next write.
          await send("ROLLBACK").catch(close);
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      await queue;
      await thread?.close();
    },
  };
}

interface WriterThread {
  /** Runs one statement on the writer's connection: its rows if it reads, else how many rows it changed. */
  send(sql: string, params?: unknown[]): Promise<unknown[] | number>;
  running(): boolean;
  close(): Promise<void>;
}

/**
 * The writer's thread (sqlite-writer-thread.ts). It keeps the process alive
 * only while a statement is on its way.
 */
function startWriterThread(file: string): WriterThread {
  const worker = startThread(import.meta.url, "sqlite-writer-thread", { workerData: { file } });
  worker.unref();
  const pending = new Map<number, { resolve: (value: unknown[] | number) => void; reject: (error: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on("message", (response: WriterResponse) => {
    const call = pending.get(response.id);
    pending.delete(response.id);
    if (pending.size === 0) worker.unref();
    if ("error" in response) call?.reject(Object.assign(new Error(response.error.message), response.error));
    else call?.resolve("rows" in response ? response.rows : response.changes);
  });
  worker.on("error", failAll);
  worker.on("exit", () => failAll(failure ?? new Error("the SQLite writer's thread has stopped")));
  return {
    send: (sql, params) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, sql, params } satisfies WriterRequest);
      }),
    running: () => failure === undefined,
    close: async () => {
      if (failure) return;
      const exited = once(worker, "exit");
      // Unreferenced, the thread would let the process end before its connection is closed.
      worker.ref();
      worker.postMessage("close");
      await exited;
    },
  };
}

/** A value as the pg driver binds it: a Date as UTC wall time, as Prisma stores TIMESTAMP columns. */
function postgresqlValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "");
  return value ?? null;
}

export function openPostgresqlWriter(
  location: DatabaseLocation & { provider: "postgresql" },
  pool: pg.Pool,
  types: { getTypeParser: typeof pg.types.getTypeParser },
): Writer {
  return {
    async transaction<T>(work: (tx: SqlTransaction) => Promise<T>) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch {
        throw new ServiceUnavailableError(
          "No database connection was free for the write; nothing was written: retry shortly.",
        );
      }
      const statement = (sql: string, params: unknown[]) =>
        client.query({ text: sql, values: params.map(postgresqlValue), types });
      const tx: SqlTransaction = {
        location,
        query: async <Row>(sql: string, params: unknown[] = []) => (await statement(sql, params)).rows as Row[],
        execute: async (sql, params = []) => (await statement(sql, params)).rowCount ?? 0,
      };
      try {
        await client.query("BEGIN");
        const result = await work(tx);
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        // A connection whose transaction cannot be rolled back is not given back to the pool.
        await client.query("ROLLBACK").then(
          () => client.release(),
          (rollbackError: Error) => client.release(rollbackError),
        );
        throw error;
      }
    },
    close: async () => undefined,
  };
}
