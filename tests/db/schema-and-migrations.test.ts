// One schema is the source of truth; the other provider's schema and both
// providers' migrations are derived from it, and must not drift.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../src/db/database.js";
import { parseDatabaseUrl } from "../../src/db/database-url.js";
import { expectedMigrations, generatedMigrations, snapshotOf } from "../../src/db/migration-files.js";
import { readMigrations } from "../../src/db/migrator.js";
import {
  derivePostgresqlSchema,
  migrationsDir,
  postgresqlSchemaPath,
  sqliteSchemaPath,
} from "../../src/db/schema-files.js";
import { connectSql } from "../../src/db/sql-driver.js";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

describe("schema and migrations", () => {
  it("derives the committed PostgreSQL schema from the SQLite one (run `npm run db:schema`)", () => {
    expect(readFileSync(postgresqlSchemaPath, "utf8")).toBe(
      derivePostgresqlSchema(readFileSync(sqliteSchemaPath, "utf8")),
    );
  });

  it("has a migration covering the current schema (run `npm run db:migrations -- <name>`)", () => {
    expect(snapshotOf(generatedMigrations().at(-1) ?? "")).toBe(readFileSync(sqliteSchemaPath, "utf8"));
  });

  // Each migration, per provider, is one `prisma migrate diff` process: about 6 s apiece.
  it("has, for both providers, each generated migration equal to Prisma's SQL between its snapshots", {
    timeout: 240_000,
  }, () => {
    for (const { name, provider, sql } of expectedMigrations()) {
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
