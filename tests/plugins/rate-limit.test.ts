// Rate limits per client address and per verified API key, in memory and
// shared through Redis. The limiter does not depend on the database, so these
// run on SQLite only.
import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterEach, describe, expect, inject, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey } from "../../src/auth/api-keys.js";
import { addressKey, type RateLimitOptions } from "../../src/plugins/rate-limit.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { createSeededDatabase } from "../helpers/test-database.js";

const bundle = bundleFixture;
const redisUrl = inject("redisUrl");

describe("rate limits", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  async function start(rateLimit: Partial<RateLimitOptions>, options: { trustProxy?: boolean; url?: string } = {}) {
    const database = options.url ? undefined : await createSeededDatabase("sqlite");
    const app = await buildApp({
      databaseUrl: options.url ?? database?.url ?? "",
      revisionPollMs: 0,
      trustProxy: options.trustProxy,
      rateLimit: { perAddress: 0, perKey: 0, windowMs: 60_000, ...rateLimit },
    });
    await app.ready();
    cleanups.push(async () => {
      await app.close();
      await database?.drop();
    });
    return { app, url: database?.url ?? options.url ?? "" };
  }

  it("limits each client address, cached reads included, with RateLimit-* and Retry-After", async () => {
    const { app } = await start({ perAddress: 3 });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await request(app.server).get("/v1/actors/europe").expect(200);
      expect(ok.headers["ratelimit-limit"]).toBe("3");
      remaining.push(String(ok.headers["ratelimit-remaining"]));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const refused = await request(app.server)
      .get("/v1/actors/europe")
      .expect(429)
      .expect("content-type", /application\/problem\+json/);
    expect(refused.body).toMatchObject({ title: "Too Many Requests", status: 429, instance: "/v1/actors/europe" });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(refused.headers["ratelimit-remaining"]).toBe("0");
    // Probes are exempt: a load balancer must still see the instance.
    await request(app.server).get("/healthz").expect(200);
    await request(app.server).get("/readyz").expect(200);
  });

  it("counts forwarded addresses only behind a trusted proxy, so clients cannot spoof their way out", async () => {
    const direct = await start({ perAddress: 1 });
    await request(direct.app.server).get("/v1/actors").set("x-forwarded-for", "203.0.113.1").expect(200);
    await request(direct.app.server).get("/v1/actors").set("x-forwarded-for", "203.0.113.2").expect(429);

    const proxied = await start({ perAddress: 1 }, { trustProxy: true });
    await request(proxied.app.server).get("/v1/actors").set("x-forwarded-for", "203.0.113.1").expect(200);
    await request(proxied.app.server).get("/v1/actors").set("x-forwarded-for", "203.0.113.2").expect(200);
    await request(proxied.app.server).get("/v1/actors").set("x-forwarded-for", "203.0.113.1").expect(429);
  });

  it("limits each verified API key, and forged tokens never spend a real key's allowance", async () => {
    const { app } = await start({ perKey: 2 });
    const alice = await createApiKey(app.db.prisma, "alice", ["write"]);
    const bob = await createApiKey(app.db.prisma, "bob", ["write"]);
    const post = (token: string) =>
      request(app.server).post("/v1/imports").set("authorization", `Bearer ${token}`).send(bundle());

    const forged = `kb_${alice.id}.${"A".repeat(43)}`;
    for (let i = 0; i < 5; i++) await post(forged).expect(401);
    await post(alice.token).expect(201);
    const last = await post(alice.token).expect(201);
    expect(last.headers["ratelimit-limit"]).toBe("2");
    expect(last.headers["ratelimit-remaining"]).toBe("0");
    const refused = await post(alice.token)
      .expect(429)
      .expect("content-type", /problem\+json/);
    expect(refused.headers["retry-after"]).toBeDefined();
    // Bob's own document: Alice's belongs to her key.
    const bobs = bundle();
    bobs.document.id = "bobs-note";
    await request(app.server).post("/v1/imports").set("authorization", `Bearer ${bob.token}`).send(bobs).expect(201);
  });

  it("counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::");
    expect(addressKey("2001:db8:1:3::1")).not.toBe(addressKey("2001:db8:1:2::1"));
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  describe.skipIf(!redisUrl)("shared through Redis", () => {
    it("counts requests to every instance against one allowance", async () => {
      const shared = { perAddress: 4, redisUrl: redisUrl ?? "", redisPrefix: `kb-test-${randomUUID()}:` };
      const first = await start(shared);
      const second = await start(shared, { url: first.url });
      await request(first.app.server).get("/v1/actors").expect(200);
      await request(second.app.server).get("/v1/actors").expect(200);
      await request(first.app.server).get("/v1/events").expect(200);
      const lastAllowed = await request(second.app.server).get("/v1/events").expect(200);
      expect(lastAllowed.headers["ratelimit-remaining"]).toBe("0");
      await request(first.app.server).get("/v1/claims").expect(429);
      await request(second.app.server).get("/v1/claims").expect(429);
    });

    it("keeps serving, unlimited, while Redis is unreachable", async () => {
      const { app } = await start({ perAddress: 1, redisUrl: "redis://127.0.0.1:1" });
      const started = Date.now();
      for (let i = 0; i < 3; i++) await request(app.server).get("/v1/actors").expect(200);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });
});
