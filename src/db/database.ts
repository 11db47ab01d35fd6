// Opens the knowledge base: a Prisma client over the driver adapter that the
// DATABASE_URL selects (SQLite file by default, PostgreSQL for production).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { PrismaClient } from "../generated/sqlite/client.js";
import { type DatabaseLocation, parseDatabaseUrl } from "./database-url.js";
import { migrate } from "./migrator.js";
import { connectSql, quoteIdentifier } from "./sql-driver.js";

/** Both generated clients share one model API; the SQLite client's type stands for both. */
export type KbClient = PrismaClient;
export type KbTransaction = Parameters<Parameters<KbClient["$transaction"]>[0]>[0];

export interface Database {
  readonly location: DatabaseLocation;
  readonly provider: DatabaseLocation["provider"];
  readonly prisma: KbClient;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size per instance. */
  poolSize?: number | undefined;
  /** PostgreSQL: the longest a statement may run before the server cancels it (0: no limit). */
  statementTimeoutMs?: number | undefined;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const location = parseDatabaseUrl(url);
  const prisma =
    location.provider === "sqlite" ? await openSqlite(location.file) : await openPostgresql(location, options);
  return { location, provider: location.provider, prisma, close: () => prisma.$disconnect() };
}

// Each provider's client and driver are imported only when used: a process
// needs one of them, and each costs start-up time and memory.
async function openSqlite(file: string): Promise<KbClient> {
  ensureSqliteDirectory(file);
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("../generated/sqlite/client.js"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
  // Per connection, and the adapter holds one: enforce the schema's foreign keys.
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await prisma.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  return prisma;
}

async function openPostgresql(
  location: Extract<DatabaseLocation, { provider: "postgresql" }>,
  options: OpenOptions,
): Promise<KbClient> {
  const [{ PrismaClient: PostgresqlClient }, { PrismaPg }] = await Promise.all([
    import("../generated/postgresql/client.js"),
    import("@prisma/adapter-pg"),
  ]);
  const adapter = new PrismaPg(
    {
      connectionString: location.connectionString,
      max: options.poolSize ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      connectionTimeoutMillis: 5_000,
    },
    { schema: location.schema },
  );
  return new PostgresqlClient({ adapter }) as unknown as KbClient;
}

/** Applies pending migrations through a short-lived raw connection. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const location = parseDatabaseUrl(url);
  if (location.provider === "sqlite") ensureSqliteDirectory(location.file);
  const connection = await connectSql(location);
  try {
    return await migrate(connection);
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
export function rawTable(db: Database, table: string): string {
  const quoted = quoteIdentifier(table);
  return db.location.provider === "postgresql" ? `${quoteIdentifier(db.location.schema)}.${quoted}` : quoted;
}
