// `npm run db:migrations -- <name>`: adds a migration for both providers taking
// the database from the last snapshot to prisma/schema.prisma (offline, with
// `prisma migrate diff`). `--check`: fails when a migration or the latest
// snapshot has drifted from what the schemas say.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { migrationsDir, sqliteSchemaPath } from "../src/db/schema-files.js";
import { expectedMigrations, generatedMigrations, migrationSql, snapshotFile, snapshotOf } from "./migration-files.js";

const schema = readFileSync(sqliteSchemaPath, "utf8");
const latest = generatedMigrations().at(-1);

if (process.argv.includes("--check")) {
  let drifted = latest === undefined || snapshotOf(latest) !== schema;
  if (drifted)
    console.error("prisma/schema.prisma has changes no migration covers: run npm run db:migrations -- <name>");
  for (const { name, provider, sql } of await expectedMigrations()) {
    if (readFileSync(join(migrationsDir(provider), name, "migration.sql"), "utf8") !== sql) {
      console.error(`${provider}/${name}/migration.sql differs from the SQL its snapshot gives`);
      drifted = true;
    }
  }
  process.exit(drifted ? 1 : 0);
}

const label = process.argv[2];
if (!label || !/^[a-z0-9_]+$/.test(label)) throw new Error("usage: npm run db:migrations -- <name_in_snake_case>");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const name = `${stamp}_${label}`;
for (const provider of ["sqlite", "postgresql"] as const) {
  const dir = join(migrationsDir(provider), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "migration.sql"),
    await migrationSql(provider, latest ? snapshotOf(latest) : undefined, schema),
  );
}
writeFileSync(join(migrationsDir("sqlite"), name, snapshotFile), schema);
console.log(`added ${name}`);
