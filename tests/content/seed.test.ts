// Seeding is idempotent, updates in place, removes what the content dropped,
// and writes nothing when it fails; on SQLite and PostgreSQL.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { seedDatabase, seedIfEmpty } from "../../src/content/seed.js";
import { defaultSeedDirectory, loadSeedDirectory, loadSeedDocument } from "../../src/content/seed-directory.js";
import { writeDocuments } from "../../src/content/write-documents.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase, useSeededDatabase } from "../helpers/test-database.js";

function editedSeedCopy(file: string, edit: (records: { id: string; [key: string]: unknown }[]) => unknown[]) {
  const dir = mkdtempSync(join(tmpdir(), "kb-seed-"));
  cpSync(defaultSeedDirectory, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, "utf8")))));
  return dir;
}

const snapshot = async (db: Database) => ({
  claims: await db.prisma.claim.findMany({ orderBy: { id: "asc" } }),
  evidence: await db.prisma.evidence.count(),
  revision: await db.prisma.revision.findUnique({ where: { id: 1 } }),
});

describeEachDatabase("seed", (provider) => {
  const db = useSeededDatabase(provider);

  it("loads the whole content", async () => {
    expect(await db().prisma.implication.count()).toBe(16);
    expect(await db().prisma.claim.count({ where: { kind: "reason" } })).toBe(4);
    expect(await db().prisma.evidence.count()).toBe(loadSeedDirectory().evidence.length);
  });

  it("changes nothing when run twice", async () => {
    const before = await snapshot(db());
    const report = await seedDatabase(db());
    expect(report.changed).toBe(false);
    expect(Object.values(report.tables).every((t) => t.created + t.updated + t.deleted === 0)).toBe(true);
    expect(await snapshot(db())).toEqual(before);
  });

  it("does not seed a knowledge base that already has content", async () => {
    expect(await seedIfEmpty(db())).toBeUndefined();
  });

  it("updates an edited record in place and leaves the others untouched", async () => {
    const before = await snapshot(db());
    const dir = editedSeedCopy("claims.json", (claims) =>
      claims.map((c) =>
        c.id === "reason-lack-of-progress" ? { ...c, text: "Lack of progress: the parties remain far apart." } : c,
      ),
    );
    const report = await seedDatabase(db(), dir);
    expect(report.tables.claims).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    expect(report.revision).toBe((before.revision?.value ?? 0) + 1);
    const after = await snapshot(db());
    const changed = after.claims.find((c) => c.id === "reason-lack-of-progress");
    expect(changed?.text).toBe("Lack of progress: the parties remain far apart.");
    expect(changed?.createdAt).toEqual(before.claims.find((c) => c.id === "reason-lack-of-progress")?.createdAt);
    const untouched = after.claims.filter((c) => c.id !== "reason-lack-of-progress");
    expect(untouched).toEqual(before.claims.filter((c) => c.id !== "reason-lack-of-progress"));
  });

  it("removes records deleted from the content, with their links and evidence", async () => {
    const dir = editedSeedCopy("claims.json", (claims) =>
      claims.filter((c) => c.id !== "assessment-prospects-for-peace-dim"),
    );
    const report = await seedDatabase(db(), dir);
    expect(report.tables.claims.deleted).toBe(1);
    expect(await db().prisma.claim.findUnique({ where: { id: "assessment-prospects-for-peace-dim" } })).toBeNull();
    expect(await db().prisma.evidence.count({ where: { claimId: "assessment-prospects-for-peace-dim" } })).toBe(0);
    expect(await db().prisma.searchDocument.count({ where: { recordId: "assessment-prospects-for-peace-dim" } })).toBe(
      0,
    );
    await seedDatabase(db());
    expect(await db().prisma.claim.findUnique({ where: { id: "assessment-prospects-for-peace-dim" } })).not.toBeNull();
  });

  it("writes nothing when a write fails part-way", async () => {
    const before = await snapshot(db());
    const document = loadSeedDocument(
      editedSeedCopy("claims.json", (claims) => claims.map((c) => ({ ...c, text: `${String(c.text)} (edited)` }))),
    );
    await expect(
      writeDocuments(db(), [document], {
        beforeCommit: () => {
          throw new Error("injected failure");
        },
      }),
    ).rejects.toThrow("injected failure");
    expect(await snapshot(db())).toEqual(before);
  });
});
