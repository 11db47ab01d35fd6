// Prisma-generated migrations keep a snapshot of the SQLite schema they migrate
// to (schema.prisma beside migration.sql), so each migration's SQL can be
// regenerated offline for both providers by diffing consecutive snapshots.
// Hand-written migrations (full-text indexes) have no snapshot.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { derivePostgresqlSchema, migrationsDir, type Provider, prismaConfigPath } from "../src/db/schema-files.js";

export const snapshotFile = "schema.prisma";

// The CLI run by this Node.js directly: npx would add its own start-up to every diff.
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

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
export async function migrationSql(provider: Provider, from: string | undefined, to: string): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), "kb-migration-"));
  const file = (name: string, schema: string) => {
    const path = join(work, name);
    writeFileSync(path, provider === "postgresql" ? derivePostgresqlSchema(schema) : schema);
    return path;
  };
  mkdirSync("data", { recursive: true });
  const source = from === undefined ? ["--from-empty"] : ["--from-schema-datamodel", file("from.prisma", from)];
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        prismaCli,
        "migrate",
        "diff",
        "--config",
        prismaConfigPath[provider],
        ...source,
        "--to-schema-datamodel",
        file("to.prisma", to),
        "--script",
      ],
      { encoding: "utf8" },
    );
    return stdout;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Every generated migration's expected SQL, per provider, from its snapshots.
 * Each is one `prisma migrate diff` process, a second or more of CPU apiece,
 * and there are two per migration: they run a few at a time, in order.
 */
export async function expectedMigrations(): Promise<{ name: string; provider: Provider; sql: string }[]> {
  const names = generatedMigrations();
  const diffs = names.flatMap((name, index) => {
    const previous = index === 0 ? undefined : snapshotOf(names[index - 1] ?? "");
    return (["sqlite", "postgresql"] as const).map((provider) => ({ name, provider, previous }));
  });
  const results: { name: string; provider: Provider; sql: string }[] = [];
  let next = 0;
  const worker = async () => {
    for (let at = next++; at < diffs.length; at = next++) {
      const diff = diffs[at];
      if (diff) results[at] = { ...diff, sql: await migrationSql(diff.provider, diff.previous, snapshotOf(diff.name)) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism() + 2, diffs.length) }, worker));
  return results;
}
