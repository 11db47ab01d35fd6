// A real PostgreSQL stopped under the running service and started again: while
// it is down, reads that miss the cache and every write answer 503
// problem+json with Retry-After, cached reads are still served and /readyz
// says not ready; when it returns, the service recovers by itself.
import { setTimeout as sleep } from "node:timers/promises";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createApiKey } from "../src/auth/api-keys.js";
import { seedDatabase } from "../src/content/seed.js";
import { migrateDatabase, openDatabase } from "../src/db/database.js";
import { bundleFixture } from "./helpers/fixtures.js";
import { createPrivatePostgres, type PrivatePostgres, privatePostgresUnavailable } from "./helpers/private-postgres.js";

const unavailable = privatePostgresUnavailable();
if (unavailable && process.env.CI) throw new Error(`CI needs a private PostgreSQL cluster: ${unavailable}`);
if (unavailable) console.warn(`\n  PostgreSQL restart suite SKIPPED: ${unavailable}.\n`);

describe.skipIf(unavailable)("PostgreSQL stopped and started under the running service", () => {
  let postgres: PrivatePostgres;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let token: string;
  const bundle = bundleFixture;

  beforeAll(async () => {
    postgres = await createPrivatePostgres();
    await migrateDatabase(postgres.url);
    const db = await openDatabase(postgres.url);
    await seedDatabase(db);
    await db.close();
    app = await buildApp({ databaseUrl: postgres.url, revisionPollMs: 200 });
    await app.ready();
    token = (await createApiKey(app.db.prisma, "importer", ["write"])).token;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    postgres?.drop();
  });

  it("answers 503 while it is down and recovers without a restart", async () => {
    await request(app.server).get("/v1/actors/ukraine").expect(200);
    postgres.stop();

    const miss = await request(app.server)
      .get("/v1/actors/russia")
      .expect(503)
      .expect("content-type", /problem\+json/);
    expect(miss.headers["retry-after"]).toBeDefined();
    expect(miss.body).toMatchObject({ status: 503, title: "Service Unavailable" });
    const hit = await request(app.server).get("/v1/actors/ukraine").expect(200);
    expect(hit.headers["x-cache"]).toBe("HIT");
    const write = await request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${token}`)
      .send(bundle())
      .expect(503)
      .expect("content-type", /problem\+json/);
    expect(write.headers["retry-after"]).toBeDefined();
    await request(app.server).get("/readyz").expect(503);
    await request(app.server).get("/healthz").expect(200);

    postgres.start();
    let ready = 0;
    for (let attempt = 0; ready !== 200 && attempt < 50; attempt++) {
      await sleep(200);
      ready = (await request(app.server).get("/readyz")).status;
    }
    expect(ready).toBe(200);
    await request(app.server).get("/v1/actors/russia").expect(200);
    // Nothing of the refused import was written: now it creates every record.
    const imported = await request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${token}`)
      .send(bundle())
      .expect(201);
    expect(imported.body.tables.claims).toEqual({ created: 2, updated: 0, unchanged: 0, deleted: 0 });
    await request(app.server).get("/v1/sources/eu-sanctions-note-2026").expect(200);
  }, 60_000);
});
