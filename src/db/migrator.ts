// Applies pending migrations over the raw driver and records them in
// `_prisma_migrations` exactly as Prisma does (same table, checksum and columns),
// so `prisma migrate deploy` and `migrate status` agree wherever an engine exists.
// Needed because Prisma's migrate commands cannot run through @prisma/adapter-pg
// (prisma/orm#27403) and no native engine can be downloaded.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sqliteDateTime } from "./json-sql.js";
import { migrationsDir, type Provider } from "./schema-files.js";
import type { SqlConnection } from "./sql-driver.js";

const migrationsTable: Record<Provider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
};

/** The advisory lock id Prisma Migrate itself takes, so the two never run at once. */
const postgresqlLockId = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(provider: Provider): Migration[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const namesByProvider = new Map<Provider, string[]>();

/** The names of the migrations on disk, read once per process (they do not change while it runs). */
export function migrationNames(provider: Provider): string[] {
  let names = namesByProvider.get(provider);
  if (!names) {
    names = readMigrations(provider).map((migration) => migration.name);
    namesByProvider.set(provider, names);
  }
  return names;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * A migration's script in its transaction. On SQLite, `PRAGMA foreign_keys`
 * is a no-op inside a transaction, so Prisma's own `foreign_keys=OFF` in a
 * table rebuild (CREATE new_X, copy, DROP X, rename) would not hold, and the
 * DROP would fire every ON DELETE CASCADE and SET NULL of X's children,
 * emptying them. The enforcement is turned off around the transaction instead,
 * and every key checked before it commits.
 */
function inTransaction(provider: Provider, sql: string): string {
  if (provider === "postgresql") return `BEGIN;\n${sql}\n;COMMIT;`;
  return `PRAGMA foreign_keys = OFF;\nBEGIN;\n${sql}\n;`;
}

/** SQLite: the rows a migration left pointing at nothing (the check its transaction ends with). */
async function brokenForeignKeys(db: SqlConnection): Promise<string[]> {
  const rows = await db.query<{ table: string; parent: string }>("PRAGMA foreign_key_check");
  return rows.map((row) => `${row.table} -> ${row.parent}`);
}

/**
 * Applies every pending migration, each in its own transaction. Returns the
 * names applied. `migrations`: those on disk, unless given (tests).
 */
export async function migrate(db: SqlConnection, migrations = readMigrations(db.provider)): Promise<string[]> {
  const { provider } = db;
  const now = provider === "sqlite" ? () => sqliteDateTime(new Date()) : () => new Date();
  const param = (n: number) => (provider === "sqlite" ? "?" : `$${n}`);
  if (provider === "postgresql") await db.query("SELECT pg_advisory_lock($1)", [postgresqlLockId]);
  try {
    await db.executeScript(migrationsTable[provider]);
    const applied = await db.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const failed = applied.find((row) => row.finished_at === null);
    if (failed) {
      throw new MigrationError(
        `migration ${failed.migration_name} failed earlier; fix the database, then mark it rolled back`,
      );
    }
    const done = new Map(applied.map((row) => [row.migration_name, row.checksum]));
    const pending: string[] = [];
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined && checksum !== migration.checksum) {
        throw new MigrationError(`migration ${migration.name} was modified after it was applied`);
      }
      if (checksum !== undefined) continue;
      const id = randomUUID();
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES (${param(1)}, ${param(2)}, ${param(3)}, ${param(4)}, 0)`,
        [id, migration.checksum, migration.name, now()],
      );
      try {
        await db.executeScript(inTransaction(provider, migration.sql));
        if (provider === "sqlite") {
          const broken = await brokenForeignKeys(db);
          if (broken.length > 0) throw new Error(`leaves rows without their parent: ${broken.slice(0, 5).join(", ")}`);
          await db.executeScript("COMMIT;");
        }
      } catch (error) {
        await db.executeScript("ROLLBACK").catch(() => undefined);
        await db.query(`UPDATE "_prisma_migrations" SET logs = ${param(1)} WHERE id = ${param(2)}`, [
          String(error),
          id,
        ]);
        throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      await db.query(
        `UPDATE "_prisma_migrations" SET finished_at = ${param(1)}, applied_steps_count = 1 WHERE id = ${param(2)}`,
        [now(), id],
      );
      pending.push(migration.name);
    }
    return pending;
  } finally {
    if (provider === "postgresql") await db.query("SELECT pg_advisory_unlock($1)", [postgresqlLockId]);
    else await db.executeScript("PRAGMA foreign_keys = ON;");
  }
}
