// One schema is the source of truth; the other provider's schema and both
// providers' migrations are derived from it, and must not drift.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedMigrations, generatedMigrations, snapshotOf } from "../../scripts/migration-files.js";
import { migrateDatabase } from "../../src/db/database.js";
import { parseDatabaseUrl } from "../../src/db/database-url.js";
import { readMigrations } from "../../src/db/migrator.js";
import {
  derivePostgresqlSchema,
  migrationsDir,
  postgresqlSchemaPath,
  sqliteSchemaPath,
} from "../../src/db/schema-files.js";
import { connectSql } from "../../src/db/sql-driver.js";
import { createTestDatabase, describeEachDatabase, postgresUrl, type TestDatabase } from "../helpers/test-database.js";

describe("schema and migrations", () => {
  it("derives the committed PostgreSQL schema from the SQLite one (run `npm run db:schema`)", () => {
    expect(readFileSync(postgresqlSchemaPath, "utf8")).toBe(
      derivePostgresqlSchema(readFileSync(sqliteSchemaPath, "utf8")),
    );
  });

  it("has a migration covering the current schema (run `npm run db:migrations -- <name>`)", () => {
    expect(snapshotOf(generatedMigrations().at(-1) ?? "")).toBe(readFileSync(sqliteSchemaPath, "utf8"));
  });

  // Each migration, per provider, is one `prisma migrate diff` process of 1.5 to
  // 2 s of CPU; run a few at a time, 30 of them take 30 s on an idle machine.
  it("has, for both providers, each generated migration equal to Prisma's SQL between its snapshots", {
    timeout: 300_000,
  }, async () => {
    for (const { name, provider, sql } of await expectedMigrations()) {
      expect(readFileSync(`${migrationsDir(provider)}/${name}/migration.sql`, "utf8"), `${provider}/${name}`).toBe(sql);
    }
  });

  it("has the same migrations, by name, for both providers", () => {
    expect(readMigrations("postgresql").map((m) => m.name)).toEqual(readMigrations("sqlite").map((m) => m.name));
  });
});

describe("migrations recorded as Prisma records them", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await migrateDatabase(database.url);
  });
  afterAll(() => database.drop());

  it("leaves `prisma migrate status` with nothing to apply", async () => {
    const { stdout } = await promisify(execFile)("npx", ["--no", "prisma", "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    expect(stdout).toMatch(/Database schema is up to date!/);
  });
});

describeEachDatabase("migration runner", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.drop());

  it("applies every migration once, with Prisma's checksum, and nothing the second time", async () => {
    expect(await migrateDatabase(database.url)).toEqual(readMigrations(provider).map((m) => m.name));
    expect(await migrateDatabase(database.url)).toEqual([]);
    const connection = await connectSql(parseDatabaseUrl(database.url));
    try {
      const rows = await connection.query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
        `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => [r.migration_name, r.checksum, Number(r.applied_steps_count)])).toEqual(
        readMigrations(provider).map((m) => [m.name, m.checksum, 1]),
      );
    } finally {
      await connection.close();
    }
  });

  it("refuses to run when an applied migration was edited", async () => {
    const connection = await connectSql(parseDatabaseUrl(database.url));
    try {
      await connection.query(
        `UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = '20261128000000_init'`,
      );
    } finally {
      await connection.close();
    }
    await expect(migrateDatabase(database.url)).rejects.toThrow(/was modified after it was applied/);
  });
});

describe.skipIf(!postgresUrl())("PostgreSQL's search insertion order, added to a database with documents", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
  });
  afterAll(() => database.drop());

  it("numbers the documents already indexed in their former order, and later ones after them", async () => {
    const migrations = readMigrations("postgresql");
    const at = migrations.findIndex((migration) => migration.name.endsWith("_search_insertion_order"));
    const connection = await connectSql(parseDatabaseUrl(database.url));
    const insert = (type: string, recordId: string, createdAt: string) =>
      connection.query(
        `INSERT INTO "SearchDocument" ("type", "recordId", "title", "body", "createdAt", "updatedAt") VALUES ($1, $2, 'title', 'body', $3, $3)`,
        [type, recordId, createdAt],
      );
    try {
      for (const migration of migrations.slice(0, at)) await connection.executeScript(migration.sql);
      // Inserted out of their former order: by date, then type, then id.
      await insert("event", "b", "2025-01-02T00:00:00Z");
      await insert("claim", "z", "2025-01-01T00:00:00Z");
      await insert("actor", "y", "2025-01-02T00:00:00Z");
      await insert("actor", "x", "2025-01-02T00:00:00Z");
      for (const migration of migrations.slice(at)) await connection.executeScript(migration.sql);
      await insert("source", "later", "2024-01-01T00:00:00Z");
      const rows = await connection.query<{ recordId: string; insertOrder: string }>(
        `SELECT "recordId", "insertOrder" FROM "SearchDocument" ORDER BY "insertOrder"`,
      );
      expect(rows.map((row) => [row.recordId, Number(row.insertOrder)])).toEqual([
        ["z", 1],
        ["x", 2],
        ["y", 3],
        ["b", 4],
        ["later", 5],
      ]);
    } finally {
      await connection.close();
    }
  });
});
