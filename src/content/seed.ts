// Loads the seed directory into the knowledge base: the whole content is the
// truth, so records the content no longer has are removed.
import type { KbClient } from "../db/database.js";
import { type ApplyReport, applyRows } from "./apply-rows.js";
import { defaultSeedDirectory, loadSeedDirectory } from "./seed-directory.js";

export async function seedDatabase(prisma: KbClient, directory = defaultSeedDirectory): Promise<ApplyReport> {
  return applyRows(prisma, loadSeedDirectory(directory), { prune: true });
}

/** Seeds only a knowledge base that has never been written to (first start). */
export async function seedIfEmpty(prisma: KbClient): Promise<ApplyReport | undefined> {
  if ((await prisma.revision.count()) > 0) return undefined;
  return seedDatabase(prisma);
}
