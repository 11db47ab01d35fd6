// Where the Prisma schemas and migrations live, and how the PostgreSQL schema is
// derived from the SQLite one.
import { fileURLToPath } from "node:url";

export type Provider = "sqlite" | "postgresql";

const root = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const sqliteSchemaPath = root("prisma/schema.prisma");
export const postgresqlSchemaPath = root("prisma/postgresql/schema.prisma");
export const migrationsDir = (provider: Provider) => root(`prisma/migrations/${provider}`);

export function derivePostgresqlSchema(sqliteSchema: string): string {
  return sqliteSchema
    .replace(
      /^\/\/ The knowledge base's data model\.[^\n]*\n\/\/[^\n]*\n/,
      "// GENERATED from prisma/schema.prisma by `npm run db:schema`: edit that file, not this one.\n",
    )
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../src/generated/sqlite"', 'output     = "../../src/generated/postgresql"');
}

export const prismaConfigPath: Record<Provider, string> = {
  sqlite: root("prisma.config.ts"),
  postgresql: root("prisma/postgresql/prisma.config.ts"),
};
