// Two instances of the API on one PostgreSQL schema, listening on loopback:
// an import through one is visible through the other within milliseconds
// (revision notifications, with the periodic check turned off to prove it),
// and rate limits are shared through Redis.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createApiKey } from "../src/auth/api-keys.js";
import { seedIfEmpty } from "../src/content/seed.js";
import type { KbClient } from "../src/db/database.js";
import { bundleFixture } from "./helpers/fixtures.js";
import { createSeededDatabase, postgresUrl, type TestDatabase } from "./helpers/test-database.js";

const redisUrl = inject("redisUrl");
const fixture = bundleFixture();
const edition = (n: number) => ({
  ...fixture,
  claims: [
    { ...fixture.claims[0], text: `Ukraine welcomed the new EU sanctions package (edition ${n}).` },
    fixture.claims[1],
  ],
});

describe.skipIf(!postgresUrl() || !redisUrl)("two instances on one PostgreSQL", () => {
  let database: TestDatabase;
  const instances: { app: Awaited<ReturnType<typeof buildApp>>; url: string }[] = [];
  let token: string;
  const createKey = (name: string) => createApiKey(instances[0]?.app.db.prisma as KbClient, name, ["write"]);

  beforeAll(async () => {
    database = await createSeededDatabase("postgresql");
    const redisPrefix = `kb-test-${randomUUID()}:`;
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({
        databaseUrl: database.url,
        revisionPollMs: 0,
        rateLimit: { perAddress: 10_000, perKey: 12, windowMs: 60_000, redisUrl: redisUrl ?? "", redisPrefix },
      });
      instances.push({ app, url: await app.listen({ host: "127.0.0.1", port: 0 }) });
    }
    token = (await createKey("importer")).token;
  });
  afterAll(async () => {
    for (const { app } of instances) await app.close();
    await database?.drop();
  });

  const importThrough = (url: string, body: unknown, key = token) =>
    fetch(`${url}/v1/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("shows an import through one instance on the other as soon as the notification reaches it", async () => {
    const [a, b] = instances.map((instance) => instance.url);
    const claimUrl = `${b}/v1/claims/${fixture.claims[0].id}`;
    const textOnB = async () => ((await (await fetch(claimUrl)).json()) as { text: string }).text;
    expect((await importThrough(a ?? "", edition(0))).status).toBe(201);
    for (let n = 1; n <= 10; n++) {
      // B has the previous edition cached...
      await fetch(claimUrl);
      expect((await fetch(claimUrl)).headers.get("x-cache")).toBe("HIT");
      // ...and shows the new one once A's 201 is in: the notification was sent to B when A
      // heard its own, and B's arrives within milliseconds (the periodic check is off).
      const through = n % 2 === 0 ? b : a;
      expect((await importThrough(through ?? "", edition(n))).status).toBe(201);
      const answered = performance.now();
      let text = await textOnB();
      while (text !== edition(n).claims[0].text && performance.now() - answered < 1_000) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        text = await textOnB();
      }
      expect(text).toBe(edition(n).claims[0].text);
    }
  });

  it("shares one rate-limit allowance per key across instances, through Redis", async () => {
    const urls = instances.map((instance) => instance.url);
    const key = (await createKey("metered")).token;
    // A document of this key's own, citing no record: another key's document and records are not its to change.
    const own = (n: number) => ({ document: { ...fixture.document, id: "metered-note", title: `Edition ${n}` } });
    const statuses: number[] = [];
    for (let n = 0; n < 12; n++) statuses.push((await importThrough(urls[n % 2] ?? "", own(n), key)).status);
    expect(statuses).toEqual(Array(12).fill(201));
    // The allowance of 12 is spent, half on each instance: both refuse the 13th.
    for (const url of urls) expect((await importThrough(url, own(13), key)).status).toBe(429);
  });
});

describe.skipIf(!postgresUrl())("instances starting together on an empty PostgreSQL", () => {
  it("seeds once: writers are serialised, the second finds the content there", async () => {
    const database = await createSeededDatabase("postgresql", { seed: false });
    const apps = await Promise.all([0, 1].map(() => buildApp({ databaseUrl: database.url, revisionPollMs: 0 })));
    try {
      const reports = await Promise.all(apps.map((app) => seedIfEmpty(app.db, app.writeKnowledge)));
      expect(reports.filter((report) => report?.changed)).toHaveLength(1);
      expect(reports.map((report) => report?.revision ?? 1)).toEqual([1, 1]);
      expect(await apps[0]?.db.prisma.claim.count()).toBe(46);
    } finally {
      for (const app of apps) await app.close();
      await database.drop();
    }
  });
});
