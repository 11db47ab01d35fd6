// /readyz is 503 problem+json until the database is migrated.
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { migrateDatabase } from "../src/db/database.js";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "./helpers/test-database.js";

describeEachDatabase("readiness", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    app = await buildApp({ databaseUrl: database.url });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("is not ready before migrations, with Retry-After, and ready after", async () => {
    const before = await request(app.server)
      .get("/readyz")
      .expect(503)
      .expect("content-type", /problem\+json/);
    expect(before.headers["retry-after"]).toBeDefined();
    expect(before.body).toMatchObject({ status: 503, title: "Service Unavailable" });
    expect((await request(app.server).get("/healthz").expect(200)).body).toEqual({ status: "ok" });
    await migrateDatabase(database.url);
    expect((await request(app.server).get("/readyz").expect(200)).body).toMatchObject({ status: "ready", revision: 0 });
  });
});
