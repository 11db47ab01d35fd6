// Decides once per run whether the PostgreSQL and Redis suites can run, and
// says so plainly when they cannot. In CI they must run: a missing server
// fails the run.
import { Redis } from "ioredis";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
    redisUrl: string | null;
  }
}

async function probe(name: string, variable: string, url: string, check: (url: string) => Promise<void>) {
  try {
    await check(url);
    return url;
  } catch (error) {
    if (process.env.CI) throw new Error(`CI needs ${name} at ${url}: ${(error as Error).message}`);
    console.warn(
      `\n  ${name} suites SKIPPED: no server at ${url} (${(error as Error).message}).\n  Set ${variable} to run them; the other suites run as usual.\n`,
    );
    return null;
  }
}

async function checkPostgres(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string) {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0 });
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

export default async function setup(project: TestProject) {
  const env = process.env;
  project.provide(
    "postgresUrl",
    await probe(
      "PostgreSQL",
      "TEST_POSTGRES_URL",
      env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
      checkPostgres,
    ),
  );
  project.provide(
    "redisUrl",
    await probe("Redis", "TEST_REDIS_URL", env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", checkRedis),
  );
}
