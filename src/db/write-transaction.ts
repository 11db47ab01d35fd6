// The knowledge base's writes: one transaction at a time, in SQL over the
// driver, not through Prisma. Prisma 6 compiles every query, raw ones
// included, in WebAssembly on the event loop: a 4,000-claim import spent most
// of its time and half its memory there (issue 18).
//
// SQLite: a connection of the writer's own, in WAL mode (the readers'
// connections see each commit), whose transactions run one after another. The
// driver is synchronous, so the writer yields to the event loop after each
// statement: reads are answered between the statements of a long import.
// PostgreSQL: a connection from the pool for the transaction's length.
import { setImmediate } from "node:timers/promises";
import Sqlite from "better-sqlite3";
import type pg from "pg";
import { ServiceUnavailableError } from "../http/problem.js";
import type { DatabaseLocation } from "./database-url.js";
import { sqliteDateTime } from "./json-sql.js";

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
  let connection: Sqlite.Database | undefined;
  // Opened on the first write: most processes only ever read.
  const open = () => {
    if (!connection) {
      connection = new Sqlite(location.file);
      connection.pragma("journal_mode = WAL");
      connection.pragma("foreign_keys = ON");
      connection.pragma("busy_timeout = 5000");
    }
    return connection;
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    transaction<T>(work: (tx: SqlTransaction) => Promise<T>) {
      const run = queue.then(async () => {
        const db = open();
        const statement = async (sql: string, params: unknown[]) => {
          const prepared = db.prepare(sql);
          const values = params.map(sqliteValue);
          const result = prepared.reader ? prepared.all(...values) : prepared.run(...values);
          await setImmediate();
          return result;
        };
        const tx: SqlTransaction = {
          location,
          query: async <Row>(sql: string, params: unknown[] = []) => (await statement(sql, params)) as Row[],
          execute: async (sql, params = []) => ((await statement(sql, params)) as Sqlite.RunResult).changes,
        };
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(tx);
          db.exec("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      await queue;
      connection?.close();
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
