// Each test file gets its own database: a temp SQLite file, or a fresh
// PostgreSQL schema, migrated (and seeded unless asked not to), removed after.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { type AppOptions, buildApp } from "../../src/app.js";
import { seedDatabase } from "../../src/content/seed.js";
import { type Database, migrateDatabase, openDatabase } from "../../src/db/database.js";
import type { Provider } from "../../src/db/schema-files.js";

export const postgresUrl = () => inject("postgresUrl");

/** Providers whose suites run here; PostgreSQL only when the global setup found a server. */
export const providers: Provider[] = postgresUrl() ? ["sqlite", "postgresql"] : ["sqlite"];

/** `describe` once per provider; PostgreSQL suites are reported as skipped when there is no server. */
export function describeEachDatabase(name: string, body: (provider: Provider) => void) {
  describe(`${name} [sqlite]`, () => body("sqlite"));
  describe.skipIf(!postgresUrl())(`${name} [postgresql]`, () => body("postgresql"));
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "kb-test-"));
    return { url: `file:${join(dir, "kb.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = postgresUrl();
  if (!base) throw new Error("PostgreSQL is not available to this run");
  const schema = `test_${randomUUID().replaceAll("-", "")}`;
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** A migrated database, seeded from seed/ unless `seed: false`. */
export async function createSeededDatabase(provider: Provider, options: { seed?: boolean } = {}) {
  const database = await createTestDatabase(provider);
  await migrateDatabase(database.url);
  if (options.seed !== false) {
    const db = await openDatabase(database.url);
    await seedDatabase(db);
    await db.close();
  }
  return database;
}

/** Registers hooks for a seeded database of the suite's own, open through `openDatabase`; returns a getter for it. */
export function useSeededDatabase(provider: Provider): () => Database {
  let database: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    db = await openDatabase(database.url);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  return () => {
    if (!db) throw new Error("useSeededDatabase: the database is opened in beforeAll");
    return db;
  };
}

/** An app on its own seeded database; `close` stops it and drops the database. */
/** An app on its own seeded database; `options` override buildApp's defaults. */
export async function createTestApp(provider: Provider, options: Omit<AppOptions, "databaseUrl"> = {}) {
  const database = await createSeededDatabase(provider);
  const app = await buildApp({ ...options, databaseUrl: database.url });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
