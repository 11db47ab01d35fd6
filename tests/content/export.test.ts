// `kb export` then `kb import` into an empty database rebuilds the knowledge
// base exactly: every content row, with the same ids, quotes, offsets and links.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import seedActors from "../../seed/actors.json" with { type: "json" };
import { exportKnowledge } from "../../src/content/export-knowledge.js";
import { importKnowledge } from "../../src/content/import-knowledge.js";
import type { ResolvedDocument } from "../../src/content/resolve-bundle.js";
import { seedDatabase } from "../../src/content/seed.js";
import { writeDocuments } from "../../src/content/write-documents.js";
import { type Database, openDatabase } from "../../src/db/database.js";
import { ContentBundle } from "../../src/modules/imports/schemas.js";
import { type ImportHooks, importBundle } from "../../src/modules/imports/service.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { editedSeed } from "../helpers/seed-copy.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

const fixture = bundleFixture;
const contentModels = [
  "source",
  "sourceCitation",
  "actor",
  "event",
  "eventParticipant",
  "claim",
  "claimActor",
  "implication",
  "implicationActor",
  "implicationClaim",
  "evidence",
] as const;

/** Every content row, timestamps aside, in a stable order. */
async function contentOf(db: Database) {
  const tables: Record<string, unknown[]> = {};
  for (const model of contentModels) {
    const rows = (await (db.prisma[model] as { findMany(): Promise<Record<string, unknown>[]> }).findMany()).map(
      ({ createdAt: _c, updatedAt: _u, ...row }) => row,
    );
    tables[model] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

describeEachDatabase("export and import round trip", (provider) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let from: Database;
  let to: Database;
  const write =
    (db: Database) =>
    (documents: ResolvedDocument[], hooks: ImportHooks = {}) =>
      writeDocuments(db, documents, hooks);

  beforeAll(async () => {
    source = await createSeededDatabase(provider);
    target = await createSeededDatabase(provider, { seed: false });
    from = await openDatabase(source.url);
    to = await openDatabase(target.url);
    // A second document, and a record both documents evidence (Russia, quoted by the note too).
    const bundle = fixture();
    // Stated as the article states it, with the note's own evidence.
    const russia = seedActors.find((actor) => actor.id === "russia");
    bundle.actors.push({ ...russia, evidence: ["Moscow called it hostile"] });
    await importBundle(from, ContentBundle.parse(bundle), { write: write(from) });
  });
  afterAll(async () => {
    await from?.close();
    await to?.close();
    await source?.drop();
    await target?.drop();
  });

  it("rebuilds every content row exactly, and exports the same document again", async () => {
    const exported = await exportKnowledge(from);
    // In the order the documents first stated what they state: the article first.
    expect(exported.bundles.map((b) => b.document.id)).toEqual([
      "us-withdrawal-from-peace-talks-2025",
      "eu-sanctions-note-2026",
    ]);
    const report = await importKnowledge(to.prisma, JSON.parse(JSON.stringify(exported)), write(to));
    expect(report.changed).toBe(true);

    expect(await contentOf(to)).toEqual(await contentOf(from));
    const again = await exportKnowledge(to);
    expect({ ...again, revision: 0 }).toEqual({ ...exported, revision: 0 });
    // The record two documents evidence kept both documents' quotes.
    const russia = await to.prisma.evidence.findMany({ where: { actorId: "russia" } });
    expect(new Set(russia.map((e) => e.sourceId))).toEqual(
      new Set(["us-withdrawal-from-peace-talks-2025", "eu-sanctions-note-2026"]),
    );
  });

  it("changes nothing when the same export is imported again", async () => {
    const exported = await exportKnowledge(from);
    const report = await importKnowledge(to.prisma, JSON.parse(JSON.stringify(exported)), write(to));
    expect(report.changed).toBe(false);
  });

  it("reads one snapshot: a write committed while the export reads does not reach it", async () => {
    const database = await createSeededDatabase(provider);
    const reader = await openDatabase(database.url);
    const writer = await openDatabase(database.url);
    try {
      const edited = editedSeed({
        "claims.json": (claims: { id: string; text: string }[]) =>
          claims.map((c) => (c.id === "reason-lack-of-progress" ? { ...c, text: "Edited mid-export." } : c)),
      });
      // The write commits once the export has read its first table.
      const midway = reader.prisma.$extends({
        query: {
          source: {
            async findMany({ args, query }) {
              const rows = await query(args);
              await seedDatabase(writer, edited);
              return rows;
            },
          },
        },
      }) as unknown as Database["prisma"];
      const exported = await exportKnowledge({ ...reader, prisma: midway } as Database);
      const claim = exported.bundles[0]?.claims.find((c) => c.id === "reason-lack-of-progress");
      expect(claim?.text).not.toBe("Edited mid-export.");
      expect(exported.revision).toBe(1);
      expect((await exportKnowledge(reader)).revision).toBe(2);
    } finally {
      await reader.close();
      await writer.close();
      await database.drop();
    }
  });

  it("rejects a damaged export whole, naming the bundle and field", async () => {
    const exported = JSON.parse(JSON.stringify(await exportKnowledge(from)));
    exported.bundles[0].claims[0].evidence = ["words the article never wrote"];
    await expect(importKnowledge(to.prisma, exported, write(to))).rejects.toThrow(/bundles\.0\.claims\.0\.evidence\.0/);
  });
});

describe("the kb command (bin entry)", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const kb = (databaseUrl: string, ...args: string[]) =>
    execFileSync(process.execPath, ["bin/kb.mjs", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    });
  let databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it("exports to a file, imports it into an empty database, and both report the same stats", async () => {
    const seeded = await createSeededDatabase("sqlite");
    const empty = await createSeededDatabase("sqlite", { seed: false });
    databases = [seeded, empty];
    const file = join(mkdtempSync(join(tmpdir(), "kb-export-")), "export.json");
    kb(seeded.url, "export", "--output", file);
    expect(kb(empty.url, "import", file)).toMatch(/imported the export: changed/);
    const before = JSON.parse(kb(seeded.url, "stats", "--json"));
    const after = JSON.parse(kb(empty.url, "stats", "--json"));
    expect(after.records).toEqual(before.records);
    expect(before.records).toMatchObject({
      documents: 1,
      actors: 19,
      events: 16,
      claims: 46,
      implications: 16,
      issues: 9,
      positions: 28,
      evidence: 169,
    });
  }, 60_000);
});
