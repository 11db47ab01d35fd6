// A migration that rebuilds a parent table the way Prisma writes it for SQLite
// (CREATE new_X, copy, DROP X, rename) must leave every child row in place:
// inside the runner's transaction Prisma's own `PRAGMA foreign_keys=OFF` does
// nothing, and the DROP used to cascade into the children.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyRows } from "../../src/content/apply-rows.js";
import { loadSeedDirectory } from "../../src/content/seed-directory.js";
import { synthesize } from "../../src/content/synthetic.js";
import { migrateDatabase, openDatabase } from "../../src/db/database.js";
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
    await applyRows(db, synthesize(loadSeedDirectory(), 3), { prune: true });
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

describeEachDatabase("upgrading a populated knowledge base across this session's migrations", (provider) => {
  // Participations with their event's date, and the actors' identities: each a schema migration and its backfill.
  const latest = readMigrations(provider)
    .map((migration) => migration.name)
    .filter((name) => name >= "20261201171409");
  const rows = synthesize(loadSeedDirectory(), 3);
  let upgraded: TestDatabase;
  let sql: SqlConnection;
  beforeAll(async () => {
    upgraded = await createTestDatabase(provider);
    sql = await connectSql(parseDatabaseUrl(upgraded.url));
    const previous = readMigrations(provider).filter((migration) => !latest.includes(migration.name));
    await migrate(sql, previous);
    // What the previous code wrote: the same rows, without the new column and table.
    const db = await openDatabase(upgraded.url);
    const participants = rows.participants.map(({ eventDate: _, ...row }) => row);
    await applyRows(db, { ...rows, participants, actorIdentities: [] } as never, { prune: false });
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
    const all: Record<string, unknown[]> = {};
    for (const name of (await tables()).sort()) all[name] = await sql.query(`SELECT * FROM "${name}" ORDER BY 1, 2`);
    return all;
  };

  it("keeps every row, gives each participation its event's date, and each actor the identities an import gives", async () => {
    const before = await contents();
    expect(latest).toHaveLength(4);
    expect(await migrate(sql)).toEqual(latest);
    const after = await contents();
    const { EventParticipant: participants = [], ActorIdentity: identities = [], ...rest } = after;
    const { EventParticipant: participantsBefore = [], ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(participants.map((row) => ({ ...(row as object), eventDate: undefined }))).toEqual(
      participantsBefore.map((row) => ({ ...(row as object), eventDate: undefined })),
    );
    const undated = await sql.query(
      `SELECT p."eventId" FROM "EventParticipant" p JOIN "Event" e ON e."id" = p."eventId" WHERE p."eventDate" IS NULL OR p."eventDate" <> e."date"`,
    );
    expect(participants.length).toBeGreaterThan(0);
    expect(undated).toEqual([]);
    const keyOf = (row: { kind: string; value: string; actorId: string }) => `${row.kind}/${row.value}/${row.actorId}`;
    expect((identities as { kind: string; value: string; actorId: string }[]).map(keyOf).sort()).toEqual(
      rows.actorIdentities.map(keyOf).sort(),
    );
  });
});
