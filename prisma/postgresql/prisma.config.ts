// Configures the Prisma CLI for the derived PostgreSQL schema, through the pg
// driver adapter (no native engine).
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The schema's datasource reads DATABASE_URL; the CLI needs a PostgreSQL URL there
// to parse this schema. `migrate diff` between schema files needs no database but
// opens a connection all the same (and tolerates its failure).
const url = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL
  : "postgresql://postgres@127.0.0.1:5432/postgres";
process.env.DATABASE_URL = url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "..", "migrations", "postgresql") },
  async adapter() {
    // Without allowExitOnIdle the pool's idle connection held every CLI run open
    // for pg's 10 s idle timeout after its work was done.
    return new PrismaPg({ connectionString: url, allowExitOnIdle: true });
  },
});
