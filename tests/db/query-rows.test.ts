// Statements written in SQL (the record loaders, search) run through
// db.queryRows over the driver, beside Prisma: on PostgreSQL as named prepared
// statements, on SQLite on a read-only connection of their own. What they read
// must be what Prisma reads and has just written.
import { afterEach, describe, expect, it } from "vitest";
import { rawTable } from "../../src/db/database.js";
import { limitRows } from "../../src/db/json-sql.js";
import { loadClaimRows } from "../../src/modules/claims/rows.js";
import { listEvents } from "../../src/modules/events/service.js";
import { describeEachDatabase, useSeededDatabase } from "../helpers/test-database.js";

describeEachDatabase("queryRows", (provider) => {
  const db = useSeededDatabase(provider);
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("reads timestamps as the instants Prisma wrote, whatever the process's time zone", async () => {
    process.env.TZ = "America/New_York";
    const stored = await db().prisma.claim.findUniqueOrThrow({ where: { id: "reason-lack-of-progress" } });
    const [loaded] = await loadClaimRows(db(), ["reason-lack-of-progress"]);
    expect(loaded?.createdAt.toISOString()).toBe(stored.createdAt.toISOString());
    expect(loaded?.updatedAt.toISOString()).toBe(stored.updatedAt.toISOString());
  });

  it("compares dates as the instants Prisma wrote, whatever the process's time zone", async () => {
    process.env.TZ = "Asia/Tokyo";
    const march = await listEvents(db(), { from: "2025-03", to: "2025-03", limit: 1 });
    expect(march.data.map((event) => event.id)).toEqual(["oval-office-meeting"]);
    const cursor = march.page.nextCursor ?? undefined;
    const next = await listEvents(db(), { from: "2025-03", to: "2025-03", limit: 1, cursor });
    expect(next.data.map((event) => event.id)).toEqual(["us-aid-suspension"]);
    expect(next.page.nextCursor).toBeNull();
  });

  it("runs the same statement again with other parameters", async () => {
    const sql = `SELECT "id" FROM ${rawTable(db(), "Actor")} WHERE "id" = ${provider === "postgresql" ? "$1" : "?"}`;
    // More runs than PostgreSQL's five custom plans before it settles on a generic one.
    for (const id of ["europe", "russia", "europe", "nobody", "ukraine", "china", "nato"])
      expect(await db().queryRows<{ id: string }>(sql, [id])).toEqual(id === "nobody" ? [] : [{ id }]);
  });

  it("prepares a statement once a connection, or on PostgreSQL plans it for its values each time (planEach)", async () => {
    const { db: snapshot, release } = await db().snapshot();
    const p = provider === "postgresql" ? "$1" : "?";
    const planned = `SELECT "id" FROM ${rawTable(db(), "Actor")} WHERE "kind" = ${p} ORDER BY "id" /* each */`;
    const named = `SELECT "id" FROM ${rawTable(db(), "Actor")} WHERE "kind" = ${p} ORDER BY "id" /* once */`;
    try {
      for (const kind of ["country", "person", "country", "bloc", "country", "person", "country"]) {
        const rows = await snapshot.queryRows(named, [kind]);
        expect(rows.length).toBeGreaterThan(0);
        expect(await snapshot.queryRows(planned, [kind], { planEach: true })).toEqual(rows);
      }
      if (provider === "postgresql") {
        const prepared = await snapshot.queryRows<{ statement: string }>(
          `SELECT "statement" FROM pg_prepared_statements`,
          [],
        );
        expect(prepared.map((row) => row.statement)).toContain(named);
        expect(prepared.map((row) => row.statement)).not.toContain(planned);
      }
    } finally {
      await release();
    }
  });

  it("reads a write through Prisma in the very next statement, though it may run on a connection of its own", async () => {
    const sql = `SELECT "name" FROM ${rawTable(db(), "Actor")} WHERE "id" = ${provider === "postgresql" ? "$1" : "?"}`;
    const { name } = await db().prisma.actor.findUniqueOrThrow({ where: { id: "china" } });
    expect(await db().queryRows(sql, ["china"])).toEqual([{ name }]);
    await db().prisma.actor.update({ where: { id: "china" }, data: { name: "China (renamed)" } });
    expect(await db().queryRows(sql, ["china"])).toEqual([{ name: "China (renamed)" }]);
    await db().prisma.actor.update({ where: { id: "china" }, data: { name } });
    expect(await db().queryRows(sql, ["china"])).toEqual([{ name }]);
  });
});

describe("queryRows on SQLite", () => {
  const db = useSeededDatabase("sqlite");

  it("runs on a read-only connection, so a read can never write", async () => {
    await expect(db().queryRows(`DELETE FROM "Actor" WHERE "id" = ? RETURNING "id"`, ["china"])).rejects.toThrow(
      /readonly/,
    );
    expect(await db().prisma.actor.count({ where: { id: "china" } })).toBe(1);
  });
});

it("writes a page size into a statement only as a whole row count", () => {
  expect(limitRows(21)).toBe("LIMIT 21");
  for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => limitRows(bad)).toThrow();
});
