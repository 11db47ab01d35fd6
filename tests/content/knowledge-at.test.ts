// The knowledge base as of a revision, derived again from the statements then
// active and each document's version then: after an import, an update and a
// deletion, every earlier revision derives exactly what it derived when it
// was current, and the current one derives exactly the stored tables.
import { expect, it } from "vitest";
import { plansChange, planTables, type Scopes } from "../../src/content/apply-rows.js";
import { bundleSchema } from "../../src/content/bundle-schema.js";
import { knownIds } from "../../src/content/import-knowledge.js";
import { knowledgeAt } from "../../src/content/knowledge-at.js";
import { resolveDocument } from "../../src/content/resolve-bundle.js";
import type { KnowledgeRows } from "../../src/content/rows.js";
import { sqlRows } from "../../src/content/sql-rows.js";
import { writeDocuments } from "../../src/content/write-documents.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { describeEachDatabase, useSeededDatabase } from "../helpers/test-database.js";

describeEachDatabase("the knowledge base as of a revision", (provider) => {
  const database = useSeededDatabase(provider);
  const write = async (input: unknown) => {
    const bundle = bundleSchema.parse(input);
    const db = database();
    return writeDocuments(db, [resolveDocument(bundle, await knownIds(db.prisma, [bundle]))]);
  };
  /** Whether writing `rows` over every table would change nothing: the stored tables are those rows. */
  const stored = async (rows: KnowledgeRows) =>
    database().writeTransaction(async (tx) => {
      const all = Object.fromEntries(Object.keys(rows).map((table) => [table, "all"])) as Scopes;
      return !plansChange(await planTables(sqlRows(tx), rows, all));
    });
  const ids = (rows: KnowledgeRows, table: "claims" | "events" | "sources") => rows[table].map((row) => row.id).sort();

  it("derives each earlier revision as it was, after an import, an update and a deletion", async () => {
    const seeded = await knowledgeAt(database(), 1);
    expect(await stored(seeded.rows)).toBe(true);
    expect(seeded.rows.claims).toHaveLength(46);

    const note = bundleFixture();
    const imported = await write(note);
    const afterImport = await knowledgeAt(database(), imported.revision);
    expect(await stored(afterImport.rows)).toBe(true);
    const [claim] = note.claims;
    expect(ids(afterImport.rows, "claims")).toContain(claim.id);

    const updated = await write({
      ...note,
      claims: [{ ...claim, text: "Ukraine said it welcomed the package." }, ...note.claims.slice(1)],
    });
    const afterUpdate = await knowledgeAt(database(), updated.revision);
    expect(afterUpdate.rows.claims.find((c) => c.id === claim.id)?.text).toBe("Ukraine said it welcomed the package.");

    const removed = await write({ ...note, claims: [], implications: [], positions: [] });
    expect(removed.revision).toBe(updated.revision + 1);
    const afterRemoval = await knowledgeAt(database(), removed.revision);
    expect(await stored(afterRemoval.rows)).toBe(true);
    expect(ids(afterRemoval.rows, "claims")).not.toContain(claim.id);
    // The comparison sees a difference where there is one: the tables are no longer the import's.
    expect(await stored(afterImport.rows)).toBe(false);

    // Each earlier revision, derived now, is what it was.
    expect(await knowledgeAt(database(), 1)).toEqual(seeded);
    expect(await knowledgeAt(database(), imported.revision)).toEqual(afterImport);
    expect(await knowledgeAt(database(), updated.revision)).toEqual(afterUpdate);
    // Before the note: its document, its records and its evidence are absent.
    expect(ids(seeded.rows, "sources")).not.toContain(note.document.id);
    expect(seeded.rows.evidence.some((e) => e.sourceId === note.document.id)).toBe(false);
    expect(afterImport.rows.evidence.filter((e) => e.sourceId === note.document.id).length).toBeGreaterThan(0);
  });

  it("stores a version of a document at each revision that changes it, and none when nothing changes", async () => {
    const db = database();
    const before = await db.prisma.documentVersion.count();
    const note = bundleFixture();
    const again = await write({ ...note, claims: [], implications: [], positions: [] });
    expect(again.changed).toBe(false);
    expect(await db.prisma.documentVersion.count()).toBe(before);
    const versions = await db.prisma.documentVersion.findMany({ where: { documentId: note.document.id } });
    expect(versions.map((v) => v.revision)).toEqual([2, 3, 4]);
    for (const version of versions) expect(version.text).toBe(note.document.text);
  });
});
