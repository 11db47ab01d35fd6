// ETags, 304s, the byte-bounded response cache and its invalidation on write.
import request from "supertest";
import { afterEach, expect, it, vi } from "vitest";
import { buildApp } from "../../src/app.js";
import { seedDatabase } from "../../src/content/seed.js";
import { loadSeedDocument } from "../../src/content/seed-directory.js";
import { openDatabase } from "../../src/db/database.js";
import type { Provider } from "../../src/db/schema-files.js";
import { editedSeed } from "../helpers/seed-copy.js";
import { createSeededDatabase, describeEachDatabase } from "../helpers/test-database.js";

const seedWithClaimText = (text: string) =>
  editedSeed({
    "claims.json": (claims: { id: string; text: string }[]) =>
      claims.map((c) => (c.id === "reason-lack-of-progress" ? { ...c, text } : c)),
  });

describeEachDatabase("response cache", (provider: Provider) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  async function start({
    burst = 0,
    ...options
  }: {
    cacheMaxBytes?: number;
    revisionPollMs?: number;
    burst?: number;
  } = {}) {
    const database = await createSeededDatabase(provider);
    const app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, ...options });
    const handled: string[] = [];
    let arrived = 0;
    app.server.on("request", () => {
      arrived += 1;
    });
    // A computation waits until the whole burst has reached the server, so identical
    // requests sent together overlap however slowly the client sends them.
    app.addHook("preHandler", async (req) => {
      handled.push(req.url);
      await vi.waitFor(() => expect(arrived).toBeGreaterThanOrEqual(burst), { timeout: 5_000, interval: 5 });
    });
    await app.ready();
    cleanups.push(async () => {
      await app.close();
      await database.drop();
    });
    return { app, database, handled, get: (url: string) => request(app.server).get(url) };
  }

  it("answers a burst of identical misses with one computation", async () => {
    const { handled, get } = await start({ cacheMaxBytes: 0, burst: 20 });
    const url = "/v1/actors/ukraine/implications?include=actors,claims";
    const responses = await Promise.all(Array.from({ length: 20 }, () => get(url)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(handled.filter((u) => u === url)).toHaveLength(1);
    expect(responses.filter((r) => r.headers["x-cache"] === "MISS")).toHaveLength(1);
    // A burst that fails is not shared: each request gets its own answer.
    const missing = await Promise.all(Array.from({ length: 5 }, () => get("/v1/actors/nobody")));
    expect(missing.map((r) => r.status)).toEqual(Array(5).fill(404));
    expect(missing.every((r) => r.headers["content-type"]?.startsWith("application/problem+json"))).toBe(true);
  });

  it("serves a strong ETag and public revalidation, then the same bytes from the cache", async () => {
    const { get } = await start();
    const first = await get("/v1/claims/reason-lack-of-progress").expect(200);
    expect(first.headers.etag).toMatch(/^"1-[\w-]+"$/);
    expect(first.headers["cache-control"]).toBe("public, no-cache");
    expect(first.headers["x-cache"]).toBe("MISS");
    const second = await get("/v1/claims/reason-lack-of-progress")
      .expect(200)
      .expect("content-type", /application\/json/);
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
  });

  it("answers a matching If-None-Match with 304 and no body", async () => {
    const { get } = await start();
    const { headers } = await get("/v1/implications?kind=scenario").expect(200);
    const etag = String(headers.etag);
    const conditional = await get("/v1/implications?kind=scenario").set("if-none-match", etag).expect(304);
    expect(conditional.text).toBe("");
    expect(conditional.headers.etag).toBe(etag);
    await get("/v1/implications?kind=scenario").set("if-none-match", '"0-stale"').expect(200);
    await get("/v1/implications?kind=scenario").set("if-none-match", `W/${etag}, "other"`).expect(304);
  });

  it("gives different requests different ETags, and does not cache errors or probes", async () => {
    const { get } = await start();
    const a = await get("/v1/claims?kind=fact").expect(200);
    const b = await get("/v1/claims?kind=reason").expect(200);
    expect(a.headers.etag).not.toBe(b.headers.etag);
    const missing = await get("/v1/claims/nope").expect(404);
    expect(missing.headers.etag).toBeUndefined();
    expect((await get("/v1/claims/nope").expect(404)).headers["x-cache"]).toBeUndefined();
    expect((await get("/readyz").expect(200)).headers.etag).toBeUndefined();
  });

  it("shows a write to the very next read: new revision, new ETag, new body", async () => {
    const { app, get } = await start();
    const before = await get("/v1/claims/reason-lack-of-progress").expect(200);
    await get("/v1/claims/reason-lack-of-progress").expect(200).expect("x-cache", "HIT");
    await app.writeKnowledge([loadSeedDocument(seedWithClaimText("Lack of progress, edited."))], {});
    const after = await get("/v1/claims/reason-lack-of-progress").expect(200);
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.body.text).toBe("Lack of progress, edited.");
    expect(after.headers.etag).toMatch(/^"2-/);
    await get("/v1/claims/reason-lack-of-progress").set("if-none-match", String(before.headers.etag)).expect(200);
    expect(app.responseCache.entries()).toBe(1);
  });

  it("picks up a write by another process through its periodic revision check", async () => {
    const { database, get } = await start({ revisionPollMs: 20 });
    await get("/v1/claims/reason-lack-of-progress").expect(200);
    const other = await openDatabase(database.url);
    await seedDatabase(other, seedWithClaimText("Edited by another process."));
    await other.close();
    await vi.waitFor(async () => {
      expect((await get("/v1/claims/reason-lack-of-progress").expect(200)).body.text).toBe(
        "Edited by another process.",
      );
    });
  });

  it("keeps cached bodies within its byte budget, evicting the least recently used", async () => {
    const { app, get } = await start({ cacheMaxBytes: 2_000 });
    const big = await get("/v1/claims?limit=100").expect(200);
    expect(big.text.length).toBeGreaterThan(2_000);
    expect((await get("/v1/claims?limit=100").expect(200)).headers["x-cache"]).toBe("MISS");
    const small = [
      "/v1/actors/europe",
      "/v1/actors/ukraine",
      "/v1/actors/russia",
      "/v1/actors/china",
      "/v1/actors/nato",
    ];
    for (const url of small) await get(url).expect(200);
    expect(app.responseCache.bytes()).toBeLessThanOrEqual(2_000);
    expect((await get(small.at(-1) ?? "").expect(200)).headers["x-cache"]).toBe("HIT");
    expect(app.responseCache.entries()).toBeLessThan(small.length);
    expect((await get(small[0] ?? "").expect(200)).headers["x-cache"]).toBe("MISS");
  });
});
