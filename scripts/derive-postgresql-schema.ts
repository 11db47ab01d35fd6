// Derives the PostgreSQL Prisma schema from the SQLite one, which is the source of
// truth; `--check` fails instead of writing when the committed copy has drifted.
import { readFileSync, writeFileSync } from "node:fs";
import { derivePostgresqlSchema, postgresqlSchemaPath, sqliteSchemaPath } from "../src/db/schema-files.js";

const derived = derivePostgresqlSchema(readFileSync(sqliteSchemaPath, "utf8"));
if (process.argv.includes("--check")) {
  if (readFileSync(postgresqlSchemaPath, "utf8") !== derived) {
    console.error(`${postgresqlSchemaPath} has drifted from ${sqliteSchemaPath}: run npm run db:schema`);
    process.exit(1);
  }
} else {
  writeFileSync(postgresqlSchemaPath, derived);
}
