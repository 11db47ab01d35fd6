// Opens the knowledge base: a Prisma client over the driver adapter that the
// DATABASE_URL selects (SQLite file by default, PostgreSQL for production).
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { PrismaClient } from "../generated/sqlite/client.js";
import { ServiceUnavailableError } from "../http/problem.js";
import { reindexSearch } from "../search/reindex.js";
import { type DatabaseLocation, type PostgresqlLocation, parseDatabaseUrl } from "./database-url.js";
import { migrate } from "./migrator.js";
import { connectSql, quoteIdentifier } from "./sql-driver.js";
import { openSqliteReader } from "./sqlite-reader.js";
import { openPostgresqlWriter, openSqliteWriter, type SqlTransaction } from "./write-transaction.js";

/** Both generated clients share one model API; the SQLite client's type stands for both. */
export type KbClient = PrismaClient;
export type { SqlTransaction } from "./write-transaction.js";

export interface PoolStats {
  /** Connections open. */
  total: number;
  /** Open and unused. */
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
  max: number;
}

export interface Database {
  readonly location: DatabaseLocation;
  readonly provider: DatabaseLocation["provider"];
  readonly prisma: KbClient;
  /**
   * The rows of one read statement written in SQL (`?` parameters on SQLite,
   * `$n` on PostgreSQL), over the driver rather than through Prisma. On
   * PostgreSQL it runs as a named prepared statement, planned once per
   * connection: Prisma plans its raw queries on every call, which was about a
   * third of a list page's database time. On SQLite it runs on a read-only
   * connection of its own, each statement prepared once (sqlite-reader.ts).
   * `planEach`: on PostgreSQL, planned for its values on every call (unnamed),
   * for statements whose best plan depends on them: after five calls a
   * prepared statement may be given one generic plan for all values (a search
   * of three words: 25 ms planned for its values, 45 to 87 generic).
   */
  queryRows<Row>(sql: string, params: unknown[], options?: QueryOptions): Promise<Row[]>;
  /**
   * A read-only view of the database as of one moment, for reads that span
   * many statements and must agree (an export): its `queryRows` all see the
   * same committed state, on a connection of its own, until `release`.
   */
  snapshot(): Promise<DatabaseSnapshot>;
  /**
   * Runs `work` in one write transaction, in SQL over the driver
   * (write-transaction.ts): committed if it resolves, rolled back if it throws.
   */
  writeTransaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** PostgreSQL's connection pool right now (SQLite has one connection and no pool). */
  poolStats(): PoolStats | undefined;
  close(): Promise<void>;
}

export interface QueryOptions {
  planEach?: boolean;
}

export interface DatabaseSnapshot {
  /** The database, its reads (`queryRows`) served from the snapshot. */
  readonly db: Database;
  /** Ends the snapshot and frees its connection; safe to call more than once. */
  release(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size per instance. */
  poolSize?: number | undefined;
  /** PostgreSQL: the longest a statement may run before the server cancels it (0: no limit). */
  statementTimeoutMs?: number | undefined;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const location = parseDatabaseUrl(url);
  if (location.provider === "postgresql") return openPostgresql(location, options);
  const prisma = await openSqlite(location.file);
  // A second connection to ":memory:" would open another, empty database.
  const reader = location.file === ":memory:" ? undefined : openSqliteReader(location.file);
  const writer = openSqliteWriter(location);
  const db: Database = {
    location,
    provider: location.provider,
    prisma,
    queryRows: async <Row>(sql: string, params: unknown[]) =>
      reader ? reader.queryRows<Row>(sql, params) : prisma.$queryRawUnsafe<Row[]>(sql, ...params),
    snapshot: async () => {
      if (location.file === ":memory:") return { db, release: async () => undefined };
      // In WAL mode a read transaction sees the database as of its first read, whatever commits after.
      const snapshot = openSqliteReader(location.file, { transaction: true });
      let released = false;
      return {
        db: { ...db, queryRows: async <Row>(sql: string, params: unknown[]) => snapshot.queryRows<Row>(sql, params) },
        release: async () => {
          if (!released) snapshot.close();
          released = true;
        },
      };
    },
    writeTransaction: (work) => writer.transaction(work),
    poolStats: () => undefined,
    close: async () => {
      await writer.close();
      reader?.close();
      await prisma.$disconnect();
    },
  };
  return db;
}

// Each provider's client and driver are imported only when used: a process
// needs one of them, and each costs start-up time and memory.
async function openSqlite(file: string): Promise<KbClient> {
  ensureSqliteDirectory(file);
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("../generated/sqlite/client.js"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  // Per connection, and the adapter holds one: enforce the schema's foreign
  // keys (better-sqlite3's own build does by default; this does not depend on
  // how it was built). Set through the driver as Prisma opens the connection,
  // on its first query, not by a query through Prisma now: that would load its
  // query compiler (about 30 MB resident) in a process that may only ever read.
  class ForeignKeysEnforced extends PrismaBetterSQLite3 {
    override async connect() {
      const connection = await super.connect();
      await connection.executeScript("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
      return connection;
    }
  }
  return new PrismaClient({ adapter: new ForeignKeysEnforced({ url: file }) });
}

async function openPostgresql(location: PostgresqlLocation, options: OpenOptions): Promise<Database> {
  const [{ PrismaClient: PostgresqlClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import("../generated/postgresql/client.js"),
    import("@prisma/adapter-pg"),
    import("pg"),
  ]);
  // The pool is ours, not the adapter's, so its use can be observed (/metrics).
  const max = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    connectionTimeoutMillis: 5_000,
    // No JIT compilation: a read here takes milliseconds, and PostgreSQL compiled one whose estimate
    // ran high (a search with hundreds of actors named) for 590 ms before running it for 30.
    options: "-c jit=off",
  });
  // An idle connection's error (the server restarting) must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const prisma = new PostgresqlClient({
    adapter: new PrismaPg(pool, { schema: location.schema }),
  }) as unknown as KbClient;
  // Prisma writes TIMESTAMP columns in UTC; pg would read them as local time.
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === pg.types.builtins.TIMESTAMP
        ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const statementName = (sql: string) => `kb_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
  const statement = (sql: string, values: unknown[], options?: QueryOptions) => ({
    ...(options?.planEach ? {} : { name: statementName(sql) }),
    text: sql,
    values,
    types,
  });
  const writer = openPostgresqlWriter(location, pool, types);
  const db: Database = {
    location,
    provider: location.provider,
    prisma,
    queryRows: async <Row>(sql: string, params: unknown[], options?: QueryOptions) =>
      (await pool.query(statement(sql, params, options))).rows as Row[],
    snapshot: async () => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      } catch (error) {
        client.release(true);
        throw error;
      }
      let released = false;
      return {
        db: {
          ...db,
          queryRows: async <Row>(sql: string, params: unknown[], options?: QueryOptions) =>
            (await client.query(statement(sql, params, options))).rows as Row[],
        },
        release: async () => {
          if (released) return;
          released = true;
          // A connection whose transaction cannot be ended is not given back to the pool.
          await client.query("COMMIT").then(
            () => client.release(),
            (error: Error) => client.release(error),
          );
        },
      };
    },
    writeTransaction: (work) => writer.transaction(work),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
  return db;
}

/**
 * Applies pending migrations through a short-lived raw connection, then
 * indexes for search any document stored before the index existed.
 */
export async function migrateDatabase(url: string): Promise<string[]> {
  const location = parseDatabaseUrl(url);
  if (location.provider === "sqlite") ensureSqliteDirectory(location.file);
  const connection = await connectSql(location);
  try {
    const applied = await migrate(connection);
    await reindexSearch(connection);
    return applied;
  } finally {
    await connection.close();
  }
}

function ensureSqliteDirectory(file: string): void {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
}

/**
 * A table name for raw SQL. Prisma's PostgreSQL adapter qualifies only the
 * queries Prisma builds with the `?schema=`; raw queries must do it themselves.
 */
export function rawTable(db: Pick<Database, "location">, table: string): string {
  const quoted = quoteIdentifier(table);
  return db.location.provider === "postgresql" ? `${quoteIdentifier(db.location.schema)}.${quoted}` : quoted;
}

/** An arbitrary, fixed advisory-lock key for knowledge-base writes (not the migrations' one). */
const writersLockId = 5_072_601;

/** How long a write waits for the writers' lock by default (less than the statement timeout, 15 s). */
export const defaultLockWaitMs = 5_000;

/**
 * On PostgreSQL, a transaction-scoped advisory lock that serialises writers
 * across every instance; SQLite's single writer needs none. A writer that
 * waits longer than `waitMs` for it gives up with 503 (ServiceUnavailableError):
 * the lock wait has a bound of its own, so a queue of writers is told to come
 * back rather than run into the statement timeout, which would be a 500.
 */
export function writerLock(
  db: Database,
  waitMs = defaultLockWaitMs,
): ((tx: SqlTransaction) => Promise<unknown>) | undefined {
  if (db.provider !== "postgresql") return undefined;
  return async (tx) => {
    await tx.execute(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(waitMs))}`);
    try {
      await tx.query(`SELECT pg_advisory_xact_lock(${writersLockId})::text`);
    } catch (error) {
      if (!isLockTimeout(error)) throw error;
      throw new ServiceUnavailableError(
        `Other writes held the knowledge base for more than ${waitMs} ms; nothing was written: retry shortly.`,
      );
    }
    // Once the lock is held, the write's own statements are bound by the statement timeout alone.
    await tx.execute("SET LOCAL lock_timeout = 0");
  };
}

/** PostgreSQL's lock_not_available (55P03), as pg reports it. */
const isLockTimeout = (error: unknown) => (error as { code?: unknown }).code === "55P03";
