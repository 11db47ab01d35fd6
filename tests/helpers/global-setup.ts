// Decides once per run whether the PostgreSQL suites can run, and says so
// plainly when they cannot. In CI they must run: a missing server fails the run.
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

const defaultUrl = "postgresql://postgres@127.0.0.1:5432/test";

export default async function setup(project: TestProject) {
  const url = process.env.TEST_POSTGRES_URL ?? defaultUrl;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    project.provide("postgresUrl", url);
  } catch (error) {
    if (process.env.CI) throw new Error(`CI needs PostgreSQL at ${url}: ${(error as Error).message}`);
    console.warn(
      `\n  PostgreSQL suites SKIPPED: no server at ${url} (${(error as Error).message}).\n  Set TEST_POSTGRES_URL to run them; SQLite suites run as usual.\n`,
    );
    project.provide("postgresUrl", null);
  } finally {
    await client.end().catch(() => undefined);
  }
}
