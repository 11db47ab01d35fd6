// Loads the seed directory into the knowledge base: the whole content is the
// truth, so records the content no longer has are removed (except those other
// documents' evidence backs: imported bundles).
import type { Database } from "../db/database.js";
import { type ApplyOptions, type ApplyReport, applyRows } from "./apply-rows.js";
import type { KnowledgeRows } from "./rows.js";
import { defaultSeedDirectory, loadSeedDirectory } from "./seed-directory.js";
import { storedRevision } from "./stored-revision.js";

type Write = (rows: KnowledgeRows, options: ApplyOptions) => Promise<ApplyReport>;

export async function seedDatabase(
  db: Database,
  directory = defaultSeedDirectory,
  write: Write = (rows, options) => applyRows(db, rows, options),
): Promise<ApplyReport> {
  return write(loadSeedDirectory(directory), { prune: true });
}

/** Seeds only a knowledge base that has never been written to (first start), through `write`. */
export async function seedIfEmpty(db: Database, write?: Write): Promise<ApplyReport | undefined> {
  if ((await storedRevision(db)) > 0) return undefined;
  return seedDatabase(db, defaultSeedDirectory, write);
}
