// The benchmark's databases: a fresh SQLite file or PostgreSQL schema per
// scale, filled by \`npm run synth\`, and a write key in it.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { createApiKey } from "../src/auth/api-keys.js";
import { openDatabase } from "../src/db/database.js";

export const postgresBase = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const work = mkdtempSync(join(tmpdir(), "kb-bench-"));

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresBase, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function databaseUrl(provider: "sqlite" | "postgresql", scale: number): Promise<string> {
  if (provider === "sqlite") return `file:${join(work, `kb-${scale}.db`)}`;
  const schema = `bench_${scale}`;
  const client = new pg.Client({ connectionString: postgresBase });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
  const url = new URL(postgresBase);
  url.searchParams.set("schema", schema);
  return url.toString();
}

export async function synthesize(url: string, scale: number): Promise<number> {
  const started = performance.now();
  execFileSync(process.execPath, ["--import", "tsx", "scripts/synth.ts", "--scale", String(scale), "--database", url], {
    stdio: "ignore",
  });
  await settle(url);
  return (performance.now() - started) / 1000;
}

/**
 * Writes the bulk load out before anything is measured: PostgreSQL's dirty
 * buffers (a checkpoint), SQLite's write-ahead log into the database file.
 * Otherwise the first measurements share the disk with that write-back.
 */
async function settle(url: string) {
  if (url.startsWith("file:")) {
    const db = new Sqlite(url.slice("file:".length));
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: postgresBase });
  await client.connect();
  await client.query("CHECKPOINT");
  await client.end();
}

export async function writeKey(url: string): Promise<string> {
  const db = await openDatabase(url);
  try {
    return (await createApiKey(db.prisma, "bench", ["write"])).token;
  } finally {
    await db.close();
  }
}
