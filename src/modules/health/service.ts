// Readiness: the database answers and has every migration on disk applied.

import { storedRevision } from "../../content/stored-revision.js";
import { type Database, rawTable } from "../../db/database.js";
import { migrationNames } from "../../db/migrator.js";
import { ServiceUnavailableError } from "../../http/problem.js";

export async function checkReadiness(db: Database) {
  let applied: { migration_name: string }[];
  try {
    applied = await db.queryRows(
      `SELECT migration_name FROM ${rawTable(db, "_prisma_migrations")} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [],
    );
  } catch (error) {
    // The driver's message can name internal hosts and users: logged, never answered.
    throw new ServiceUnavailableError("The database is not reachable or not migrated.", { cause: error });
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = migrationNames(db.provider).filter((name) => !done.has(name));
  if (pending.length > 0) {
    throw new ServiceUnavailableError(
      `The database has ${pending.length} pending migration(s): ${pending.join(", ")}.`,
    );
  }
  return { status: "ready" as const, database: db.provider, revision: await storedRevision(db) };
}
