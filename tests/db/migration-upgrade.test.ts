// A migration that rebuilds a parent table the way Prisma writes it for SQLite
// (CREATE new_X, copy, DROP X, rename) must leave every child row in place:
// inside the runner's transaction Prisma's own `PRAGMA foreign_keys=OFF` does
// nothing, and the DROP used to cascade into the children. And a populated
// knowledge base upgrades losslessly across the migrations since issue 18.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deriveRecord } from "../../src/content/derive-records.js";
import { likelihoodOf } from "../../src/content/likelihood.js";
import { knowledgeRows } from "../../src/content/resolve-bundle.js";
import { seedDatabase } from "../../src/content/seed.js";
import { loadSeedDirectory, readSeedDirectory } from "../../src/content/seed-directory.js";
import { sqlRows } from "../../src/content/sql-rows.js";
import type { Attested, RecordType } from "../../src/content/statements.js";
import { synthesize, writeSynthetic } from "../../src/content/synthetic.js";
import { migrateDatabase, openDatabase, rawTable } from "../../src/db/database.js";
import { parseDatabaseUrl } from "../../src/db/database-url.js";
import { MigrationError, migrate, readMigrations } from "../../src/db/migrator.js";
import { connectSql, type SqlConnection } from "../../src/db/sql-driver.js";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

describe("a Prisma table rebuild on SQLite", () => {
  let database: TestDatabase;
  let connection: SqlConnection;

  beforeEach(async () => {
    database = await createTestDatabase("sqlite");
    await migrateDatabase(database.url);
    // Populated as a knowledge base is: the article and two more documents' worth, cross-linked.
    const db = await openDatabase(database.url);
    await writeSynthetic(db, synthesize(loadSeedDirectory(), 3));
    await db.close();
    connection = await connectSql(parseDatabaseUrl(database.url));
  });
  afterEach(async () => {
    await connection.close();
    await database.drop();
  });

  /** Every table's rows, in a stable order: what an upgrade must keep. */
  async function contents() {
    const tables = await connection.query<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' AND name NOT LIKE 'SearchIndex%' ORDER BY name`,
    );
    const all: Record<string, unknown[]> = {};
    for (const { name } of tables) all[name] = await connection.query(`SELECT * FROM "${name}" ORDER BY 1, 2`);
    return all;
  }

  /** Prisma's SQLite rebuild of `table`, as `prisma migrate diff` writes it when a column changes. */
  async function rebuildOf(table: string, extra = "") {
    const [created] = await connection.query<{ sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
      [table],
    );
    const indexes = await connection.query<{ sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
      [table],
    );
    const sql = [
      "PRAGMA defer_foreign_keys=ON;",
      "PRAGMA foreign_keys=OFF;",
      `${created?.sql.replace(`CREATE TABLE "${table}"`, `CREATE TABLE "new_${table}"`)};`,
      `INSERT INTO "new_${table}" SELECT * FROM "${table}";`,
      `DROP TABLE "${table}";`,
      `ALTER TABLE "new_${table}" RENAME TO "${table}";`,
      ...indexes.map((index) => `${index.sql};`),
      extra,
      "PRAGMA foreign_keys=ON;",
      "PRAGMA defer_foreign_keys=OFF;",
    ].join("\n");
    return { name: `29991231000000_rebuild_${table.toLowerCase()}`, sql, checksum: `test-${table}` };
  }

  it("keeps every row of every table when a parent table is rebuilt", async () => {
    const before = await contents();
    expect(before.EventParticipant?.length).toBeGreaterThan(0);
    const rebuilds = [await rebuildOf("Actor"), await rebuildOf("Source")];
    const applied = await migrate(connection, [...readMigrations("sqlite"), ...rebuilds]);
    expect(applied).toEqual(rebuilds.map((rebuild) => rebuild.name));
    expect(await contents()).toEqual(before);
    // And the keys are enforced again afterwards, on the runner's connection.
    expect(await connection.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1 }]);
  });

  it("rolls back a migration that leaves rows without their parent, and says which", async () => {
    const before = await contents();
    const broken = await rebuildOf("Actor", `DELETE FROM "Actor" WHERE "id" = 'ukraine';`);
    await expect(migrate(connection, [...readMigrations("sqlite"), broken])).rejects.toThrow(MigrationError);
    await expect(migrate(connection, [...readMigrations("sqlite"), broken])).rejects.toThrow(/failed earlier/);
    const after = await contents();
    delete after._prisma_migrations;
    expect(after).toEqual(before);
  });
});

describeEachDatabase("upgrading a populated knowledge base across the migrations since issue 18", (provider) => {
  // Participations with their event's date, the actors' identities, and the
  // documents' statements: each a schema migration and its backfill; then the
  // search index's rows ordered by weight (an index added, no table rebuilt).
  const latest = readMigrations(provider)
    .map((migration) => migration.name)
    .filter((name) => name >= "20261201171409");
  // The article and two more documents, which share the article's countries and blocs: records several documents state.
  // As the code before implications' forecasts stored them: no hedge, no horizon.
  const synthesized = synthesize(loadSeedDirectory(), 3);
  const rows = {
    ...synthesized,
    implications: synthesized.implications.map((i) => ({ ...i, hedge: null, likelihood: "unstated", horizon: null })),
  };
  const newColumns = [
    "sourceCount",
    "conflicts",
    "eventDate",
    "terms",
    "folded",
    "searchVector",
    "hedge",
    "likelihood",
    "horizon",
    "issueId",
    "positionId",
    "resolutionId",
  ];
  /** New columns whose names other tables' old columns share. */
  const newColumnsOf: Record<string, string[]> = { Claim: ["date", "datePrecision", "dateStart", "dateEnd"] };
  const oldColumns = (table: string, row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row).filter(([column]) => !newColumns.includes(column) && !newColumnsOf[table]?.includes(column)),
    );
  let upgraded: TestDatabase;
  let sql: SqlConnection;
  beforeAll(async () => {
    upgraded = await createTestDatabase(provider);
    sql = await connectSql(parseDatabaseUrl(upgraded.url));
    const previous = readMigrations(provider).filter((migration) => !latest.includes(migration.name));
    await migrate(sql, previous);
    // What the previous code wrote: the same rows, without the new columns and tables.
    const db = await openDatabase(upgraded.url);
    await db.writeTransaction(async (tx) => {
      const write = sqlRows(tx);
      const now = new Date();
      for (const [table, list] of previousTables) {
        const stored = (rows[list] as unknown as Record<string, unknown>[]).map((row) => oldColumns(table, row));
        const columns = [...Object.keys(stored[0] ?? {}), "createdAt", "updatedAt"];
        await write.insert(table, columns, stored, { createdAt: now, updatedAt: now });
      }
      await tx.execute(
        `INSERT INTO ${rawTable(tx, "Revision")} ("id", "value", "createdAt", "updatedAt") VALUES (1, 1, ${provider === "sqlite" ? "?, ?" : "$1, $2"})`,
        [now, now],
      );
    });
    await db.close();
  });
  afterAll(async () => {
    await sql.close();
    await upgraded.drop();
  });

  const tables = async () =>
    (
      await sql.query<{ name: string }>(
        provider === "sqlite"
          ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' AND name NOT LIKE 'SearchIndex%'`
          : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '_prisma%'",
      )
    ).map((row) => row.name);
  const contents = async () => {
    const all: Record<string, Record<string, unknown>[]> = {};
    for (const name of (await tables()).sort()) {
      const stored = await sql.query<Record<string, unknown>>(`SELECT * FROM "${name}" ORDER BY 1, 2`);
      all[name] = stored.map((row) => oldColumns(name, row));
    }
    return all;
  };

  it("keeps every row, and makes every stored value a statement of the documents whose evidence supports it", async () => {
    const before = await contents();
    expect(latest).toHaveLength(16);
    expect(await migrate(sql)).toEqual(latest);
    const {
      ActorIdentity: identities = [],
      Assertion: statements = [],
      SearchTerm: terms = [],
      SearchWord: forms = [],
      Issue: issues = [],
      Position: positions = [],
      Resolution: resolutions = [],
      DocumentVersion: versions = [],
      ...after
    } = await contents();
    // The search index is filled in after migrating (migrateDatabase), not by the migrations.
    expect([terms, forms]).toEqual([[], []]);
    // Issues, positions and resolutions are new records: the previous code stored none.
    expect([issues, positions, resolutions]).toEqual([[], [], []]);
    // Each document as it stood, kept as its first version, at the revision the upgrade found.
    const documents = rows.sources.filter((source) => source.text !== null);
    expect(versions.map((v) => `${v.documentId} ${v.revision}`).sort()).toEqual(
      documents.map((d) => `${d.id} 1`).sort(),
    );
    for (const version of versions) {
      const evidence = (JSON.parse(String(version.evidence)) as { id: string; quote: string; start: number }[]).map(
        ({ id, quote, start }) => ({ id, quote, start }),
      );
      const expected = rows.evidence
        .filter((e) => e.sourceId === version.documentId)
        .map(({ id, quote, start }) => ({ id, quote, start }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(evidence.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected);
      expect(version.text).toBe(documents.find((d) => d.id === version.documentId)?.text);
    }
    expect(after).toEqual(before);

    const undated = await sql.query(
      `SELECT p."eventId" FROM "EventParticipant" p JOIN "Event" e ON e."id" = p."eventId" WHERE p."eventDate" IS NULL OR p."eventDate" <> e."date"`,
    );
    expect(undated).toEqual([]);
    const keyOf = (row: object) => {
      const r = row as Record<string, unknown>;
      return `${r.kind}/${r.value}/${r.actorId}`;
    };
    expect(identities.map(keyOf).sort()).toEqual(rows.actorIdentities.map(keyOf).sort());

    // Ukraine is stated by each of the three documents, each copy's claims by its own alone.
    const counts = await sql.query<{ id: string; sourceCount: number }>(
      `SELECT "id", "sourceCount" FROM "Actor" WHERE "id" = 'ukraine' UNION ALL SELECT "id", "sourceCount" FROM "Claim" WHERE "id" = 'fact-us-military-aid-since-2022-s2'`,
    );
    expect(counts.map((row) => Number(row.sourceCount)).sort()).toEqual([1, 3]);
    expect(statements.filter((row) => row.recordType === "actor" && row.recordId === "ukraine")).toHaveLength(3);
  });

  it("indexes every stored document for search once migrated, and finds its records", async () => {
    await migrateDatabase(upgraded.url);
    const unindexed = await sql.query(`SELECT "recordId" FROM "SearchDocument" WHERE "terms" = ''`);
    expect(unindexed).toEqual([]);
    const db = await openDatabase(upgraded.url);
    try {
      const { search } = await import("../../src/modules/search/service.js");
      const found = await search(db, { q: "zelensky ceasefire", limit: 5 });
      expect(found.data[0]?.id).toMatch(/^statement-zelenskyy-ceasefire-without-guarantees-dangerous/);
    } finally {
      await db.close();
    }
  });

  it("derives from the statements exactly the rows that were stored", async () => {
    const db = await openDatabase(upgraded.url);
    try {
      const stored = await db.queryRows<{
        documentId: string;
        recordType: RecordType;
        recordId: string;
        fields: string;
        since: number;
      }>(
        `SELECT "documentId", "recordType", "recordId", "fields", "since" FROM ${rawTable(db, "Assertion")} WHERE "retractedRevision" IS NULL`,
        [],
      );
      const byRecord = new Map<string, Attested[]>();
      for (const row of stored) {
        const key = `${row.recordType}/${row.recordId}`;
        const statement = { ...row, revision: Number(row.since), fields: JSON.parse(row.fields) } as Attested;
        byRecord.set(key, [...(byRecord.get(key) ?? []), statement]);
      }
      const derived = knowledgeRows([...byRecord.values()].map(deriveRecord), rows.evidence, new Map());
      // The copies' rows were resolved each on its own (a source count of 1): the counts are checked above.
      const sameRows = (table: keyof typeof derived, key: (row: Record<string, unknown>) => string) => {
        const strip = (list: unknown[]) =>
          (list as Record<string, unknown>[])
            .map((row) =>
              Object.fromEntries(
                Object.entries(row).filter(([column]) => !["text", "conflicts", "sourceCount"].includes(column)),
              ),
            )
            .sort((a, b) => (key(a) < key(b) ? -1 : 1));
        expect(strip(derived[table]), table).toEqual(strip(rows[table]));
      };
      sameRows("sources", (row) => String(row.id));
      sameRows("actors", (row) => String(row.id));
      sameRows("events", (row) => String(row.id));
      sameRows("claims", (row) => String(row.id));
      sameRows("implications", (row) => String(row.id));
      sameRows("participants", (row) => `${row.eventId}/${row.actorId}`);
      sameRows("claimActors", (row) => `${row.claimId}/${row.actorId}`);
      sameRows("implicationActors", (row) => `${row.implicationId}/${row.actorId}`);
      sameRows("implicationClaims", (row) => `${row.implicationId}/${row.claimId}`);
      sameRows("actorIdentities", (row) => `${row.kind}/${row.value}/${row.actorId}`);
    } finally {
      await db.close();
    }
  });

  it("holds what an import writes: re-importing the article restates only what it now says more (its hedges, claims' dates, issues and positions)", async () => {
    const db = await openDatabase(upgraded.url);
    try {
      const before = await contents();
      const hedges = loadSeedDirectory().implications.flatMap((i) => (i.hedge ? [[i.id, i.hedge] as const] : []));
      expect(hedges.length).toBeGreaterThan(10);
      const { issues, positions, claims } = readSeedDirectory();
      const dated = claims.filter((claim) => claim.date !== undefined);
      expect(dated.length).toBeGreaterThan(5);
      const report = await seedDatabase(db);
      expect(report.statements).toEqual({
        made: hedges.length + dated.length + issues.length + positions.length,
        kept: expect.any(Number),
        retracted: hedges.length + dated.length,
      });
      expect(await db.prisma.position.count()).toBe(positions.length);
      // The article's new version, at the revision the import made.
      expect(
        await db.prisma.documentVersion.count({
          where: { documentId: "us-withdrawal-from-peace-talks-2025", revision: report.revision },
        }),
      ).toBe(1);
      // Beside the statements and the change feed, only the implications' forecasts and the claims' dates
      // (not compared here) changed, and the issues and positions (with their evidence) were added.
      const unchanged = ({
        Assertion: _,
        Change: __,
        Revision: ___,
        Issue: _____,
        Position: ______,
        DocumentVersion: _______,
        ...all
      }: Awaited<ReturnType<typeof contents>>) => ({
        ...all,
        Implication: (all.Implication ?? []).map(({ updatedAt: ____, ...row }) => row),
        Claim: (all.Claim ?? []).map(({ updatedAt: ____, ...row }) => row),
        Evidence: (all.Evidence ?? []).filter((row) => !/\/(issue|position)\//.test(String(row.id))),
      });
      expect(unchanged(await contents())).toEqual(unchanged(before));
      const stored = await db.prisma.implication.findMany({ where: { id: { in: hedges.map(([id]) => id) } } });
      for (const [id, hedge] of hedges)
        expect(stored.find((i) => i.id === id)).toMatchObject({ hedge, likelihood: likelihoodOf(hedge) });
    } finally {
      await db.close();
    }
  });
});

/** The tables the previous code wrote, parents first, with the rows each holds. */
const previousTables = [
  ["Source", "sources"],
  ["SourceCitation", "citations"],
  ["Actor", "actors"],
  ["Event", "events"],
  ["EventParticipant", "participants"],
  ["Claim", "claims"],
  ["ClaimActor", "claimActors"],
  ["Implication", "implications"],
  ["ImplicationActor", "implicationActors"],
  ["ImplicationClaim", "implicationClaims"],
  ["Evidence", "evidence"],
  ["SearchDocument", "searchDocuments"],
] as const;
