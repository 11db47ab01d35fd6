// Regenerates each provider's init migration offline from its Prisma schema
// (`prisma migrate diff --from-empty`); `--check` fails when one has drifted.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { initMigrationPath, type Provider, prismaConfigPath, schemaPath } from "../src/db/schema-files.js";

export function prismaInitSql(provider: Provider): string {
  mkdirSync("data", { recursive: true });
  return execFileSync(
    "npx",
    [
      "--no",
      "prisma",
      "migrate",
      "diff",
      "--config",
      prismaConfigPath[provider],
      "--from-empty",
      "--to-schema-datamodel",
      schemaPath[provider],
      "--script",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let drifted = false;
  for (const provider of ["sqlite", "postgresql"] as const) {
    const file = initMigrationPath(provider);
    const sql = prismaInitSql(provider);
    if (!process.argv.includes("--check")) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, sql);
    } else if (readFileSync(file, "utf8") !== sql) {
      console.error(`${file} has drifted from ${schemaPath[provider]}: run npm run db:migrations`);
      drifted = true;
    }
  }
  process.exit(drifted ? 1 : 0);
}
