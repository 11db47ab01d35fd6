// Where the Prisma schemas and migrations live, and how the PostgreSQL schema is
// derived from the SQLite one.
import { projectFile } from "../project-files.js";

export type Provider = "sqlite" | "postgresql";

export const sqliteSchemaPath = projectFile("prisma/schema.prisma");
export const postgresqlSchemaPath = projectFile("prisma/postgresql/schema.prisma");
export const migrationsDir = (provider: Provider) => projectFile(`prisma/migrations/${provider}`);

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
  sqlite: projectFile("prisma.config.ts"),
  postgresql: projectFile("prisma/postgresql/prisma.config.ts"),
};
