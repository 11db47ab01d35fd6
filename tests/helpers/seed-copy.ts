// A copy of seed/ with some of its files edited, for tests that re-seed with
// changed content.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultSeedDirectory } from "../../src/content/seed-directory.js";

// biome-ignore lint/suspicious/noExplicitAny: each edit knows the shape of its own file's records.
type Edit = (rows: any[]) => unknown[];

/** The new directory, where each named file's records went through its edit. */
export function editedSeed(edits: Record<string, Edit>): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-seed-"));
  cpSync(defaultSeedDirectory, dir, { recursive: true });
  for (const [name, edit] of Object.entries(edits)) {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, "utf8")))));
  }
  return dir;
}
