// The store of past revisions' databases: one build per revision however many
// ask at once, kept in a small LRU that never evicts a database in use, a
// bounded queue of builds and a bounded wait for one, nothing kept of a failed
// build, nothing left on close.
import { existsSync, readdirSync } from "node:fs";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { type RevisionSnapshots, revisionSnapshots } from "../../src/history/revision-snapshots.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

describeEachDatabase("the past revisions' databases", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createSeededDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });
  let store: RevisionSnapshots | undefined;
  const open = (keep: number, options: { maxWaiting?: number; waitMs?: number; sourceUrl?: string } = {}) => {
    store = revisionSnapshots({
      sourceUrl: database.url,
      keep,
      maxWaiting: 4,
      waitMs: 30_000,
      maxHeapMb: 512,
      ...options,
    });
    return store;
  };
  const files = (snapshots: RevisionSnapshots) => {
    const directory = snapshots.directory();
    return directory ? readdirSync(directory).filter((f) => f.endsWith(".db")) : [];
  };
  afterEach(async () => {
    await store?.close();
  });

  it("builds a revision once for every request that asks at the same time", async () => {
    const snapshots = open(2);
    expect(snapshots.directory()).toBeUndefined();
    const [a, b] = await Promise.all([snapshots.acquire(1), snapshots.acquire(1)]);
    expect(a.db).toBe(b.db);
    expect(files(snapshots)).toHaveLength(1);
    const [row] = await a.db.queryRows<{ n: number }>(`SELECT count(*) AS "n" FROM "Claim"`, []);
    expect(Number(row?.n)).toBe(46);
    a.release();
    b.release();
    b.release();
    const again = await snapshots.acquire(1);
    expect(again.db).toBe(a.db);
    again.release();
  });

  it("keeps the most recently read revisions, and evicts none that a request is reading", async () => {
    const snapshots = open(1);
    const empty = await snapshots.acquire(0);
    const seeded = await snapshots.acquire(1);
    // Both are in use: both are kept, beyond `keep`.
    expect(snapshots.revisions()).toEqual([0, 1]);
    empty.release();
    expect(snapshots.revisions()).toEqual([1]);
    await expect.poll(() => files(snapshots)).toHaveLength(1);
    const [row] = await seeded.db.queryRows<{ n: number }>(`SELECT count(*) AS "n" FROM "Claim"`, []);
    expect(Number(row?.n)).toBe(46);
    seeded.release();
  });

  it("refuses with 503 a revision asked for while too many wait to be built", async () => {
    const snapshots = open(4, { maxWaiting: 1 });
    const first = snapshots.acquire(1);
    await expect(snapshots.acquire(0)).rejects.toMatchObject({ status: 503 });
    (await first).release();
    (await snapshots.acquire(0)).release();
    expect(snapshots.revisions()).toEqual([1, 0]);
  });

  it("tells a request to come back when its revision takes long to build, and keeps building it", async () => {
    const snapshots = open(2, { waitMs: 1 });
    await expect(snapshots.acquire(1)).rejects.toMatchObject({ status: 503, message: /being prepared/ });
    expect(snapshots.revisions()).toEqual([1]);
    await expect.poll(() => files(snapshots), { timeout: 20_000 }).toHaveLength(1);
    // Built once: the next request, however short its wait, reads it.
    await expect
      .poll(
        async () =>
          snapshots.acquire(1).then(
            (held) => {
              held.release();
              return true;
            },
            () => false,
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
  });

  it("keeps nothing of a failed build, and removes every file on close", async () => {
    // Nothing listens on port 1.
    const snapshots = open(2, { sourceUrl: "postgresql://postgres@127.0.0.1:1/absent" });
    await expect(snapshots.acquire(1)).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(snapshots.revisions()).toEqual([]);
    await expect.poll(() => files(snapshots)).toHaveLength(0);
    const directory = snapshots.directory();
    expect(directory).toBeDefined();
    await snapshots.close();
    expect(existsSync(directory as string)).toBe(false);
    store = undefined;
  });
});
