// The SQLite writer runs its statements on a thread of its own (issue 18):
// the event loop that answers reads keeps turning while one runs, and a
// failed transaction is rolled back with the database's own error.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../src/db/database-url.js";
import { openSqliteWriter, type Writer } from "../../src/db/write-transaction.js";

const dir = mkdtempSync(join(tmpdir(), "kb-writer-"));
let writer: Writer;
beforeAll(async () => {
  const location = parseDatabaseUrl(`file:${join(dir, "kb.db")}`);
  if (location.provider !== "sqlite") throw new Error("a SQLite location");
  writer = openSqliteWriter(location);
  await writer.transaction((tx) => tx.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
});
afterAll(async () => {
  await writer.close();
  rmSync(dir, { recursive: true, force: true });
});

it("keeps the event loop turning while a long statement runs", async () => {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 1);
  const started = performance.now();
  const [row] = await writer.transaction((tx) =>
    tx.query<{ n: number }>(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT count(*) AS n FROM c",
      [3_000_000],
    ),
  );
  const elapsed = performance.now() - started;
  clearInterval(timer);
  expect(row?.n).toBe(3_000_000);
  // On the main thread the statement would have run in one go, with no tick until it ended.
  expect(ticks).toBeGreaterThan(Math.min(10, elapsed / 10));
});

it("rolls a failed transaction back and gives the database's error, its code included", async () => {
  const failing = writer.transaction(async (tx) => {
    await tx.execute("INSERT INTO item (id, name) VALUES (?, ?)", [1, "first"]);
    await tx.execute("INSERT INTO item (id, name) VALUES (?, ?)", [1, "again"]);
  });
  await expect(failing).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_PRIMARYKEY" });
  const rows = await writer.transaction((tx) => tx.query("SELECT * FROM item"));
  expect(rows).toEqual([]);
  expect(await writer.transaction((tx) => tx.execute("INSERT INTO item (id, name) VALUES (?, ?)", [1, "x"]))).toBe(1);
});
