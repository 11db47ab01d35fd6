// Prisma-generated migrations keep a snapshot of the SQLite schema they migrate
// to (schema.prisma beside migration.sql), so each migration's SQL can be
// regenerated offline for both providers by diffing consecutive snapshots.
// Hand-written migrations (full-text indexes) have no snapshot.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { derivePostgresqlSchema, migrationsDir, type Provider, prismaConfigPath } from "../src/db/schema-files.js";

export const snapshotFile = "schema.prisma";

/** Names of the migrations with a snapshot, in order. */
export function generatedMigrations(): string[] {
  const dir = migrationsDir("sqlite");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, snapshotFile)))
    .map((entry) => entry.name)
    .sort();
}

export function snapshotOf(name: string): string {
  return readFileSync(join(migrationsDir("sqlite"), name, snapshotFile), "utf8");
}

/** Prisma's SQL from one SQLite schema text to another, for a provider (`from` undefined: empty). */
export function migrationSql(provider: Provider, from: string | undefined, to: string): string {
  const work = mkdtempSync(join(tmpdir(), "kb-migration-"));
  const file = (name: string, schema: string) => {
    const path = join(work, name);
    writeFileSync(path, provider === "postgresql" ? derivePostgresqlSchema(schema) : schema);
    return path;
  };
  mkdirSync("data", { recursive: true });
  const source = from === undefined ? ["--from-empty"] : ["--from-schema-datamodel", file("from.prisma", from)];
  return execFileSync(
    "npx",
    [
      "--no",
      "prisma",
      "migrate",
      "diff",
      "--config",
      prismaConfigPath[provider],
      ...source,
      "--to-schema-datamodel",
      file("to.prisma", to),
      "--script",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
}

/** Every generated migration's expected SQL, per provider, from its snapshots. */
export function expectedMigrations(): { name: string; provider: Provider; sql: string }[] {
  const names = generatedMigrations();
  return names.flatMap((name, index) => {
    const previous = index === 0 ? undefined : snapshotOf(names[index - 1] ?? "");
    return (["sqlite", "postgresql"] as const).map((provider) => ({
      name,
      provider,
      sql: migrationSql(provider, previous, snapshotOf(name)),
    }));
  });
}
