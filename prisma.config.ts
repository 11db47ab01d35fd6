// Configures the Prisma CLI to run without a native engine: schema work goes
// through the JS engine and the better-sqlite3 driver adapter.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The schema's datasource reads DATABASE_URL; without a SQLite URL there the CLI
// cannot parse this schema and falls back to downloading a native engine.
const url = process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : "file:./data/kb.db";
process.env.DATABASE_URL = url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations", "sqlite") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
