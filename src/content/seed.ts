// Loads the seed directory into the knowledge base: the article's bundle,
// imported like any document's (write-documents.ts). Its content is the
// article's complete statement, so what seed/ no longer has is taken back.
import type { Database } from "../db/database.js";
import type { ResolvedDocument } from "./resolve-bundle.js";
import { defaultSeedDirectory, loadSeedDocument } from "./seed-directory.js";
import { storedRevision } from "./stored-revision.js";
import { type WriteOptions, type WriteReport, writeDocuments } from "./write-documents.js";

type Write = (documents: ResolvedDocument[], options: WriteOptions) => Promise<WriteReport>;

export async function seedDatabase(
  db: Database,
  directory = defaultSeedDirectory,
  write: Write = (documents, options) => writeDocuments(db, documents, options),
): Promise<WriteReport> {
  return write([loadSeedDocument(directory)], {});
}

/** Seeds only a knowledge base that has never been written to (first start), through `write`. */
export async function seedIfEmpty(db: Database, write?: Write): Promise<WriteReport | undefined> {
  if ((await storedRevision(db)) > 0) return undefined;
  return seedDatabase(db, defaultSeedDirectory, write);
}
