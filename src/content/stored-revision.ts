// The knowledge base's revision as stored, read over the driver (db.queryRows)
// rather than through Prisma: a process that only serves reads then never
// loads Prisma's WebAssembly query compiler (about 30 MB resident) just to
// poll the revision, check readiness or find the content already seeded.
import { type Database, rawTable } from "../db/database.js";

export async function storedRevision(db: Database): Promise<number> {
  const [row] = await db.queryRows<{ value: number | bigint }>(
    `SELECT "value" FROM ${rawTable(db, "Revision")} WHERE "id" = 1`,
    [],
  );
  return Number(row?.value ?? 0);
}
