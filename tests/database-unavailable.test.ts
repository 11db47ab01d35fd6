// With the database unreachable, reads that miss the cache answer 503
// problem+json with Retry-After, never 500; the process stays live.
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../src/app.js";

let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  // Port 1 on loopback: nothing listens there, so every connection is refused.
  app = await buildApp({ databaseUrl: "postgresql://postgres@127.0.0.1:1/none", revisionPollMs: 0 });
  await app.ready();
});
afterAll(() => app.close());

it("answers reads with 503 problem+json and Retry-After when the database is down", async () => {
  for (const url of ["/v1/actors", "/v1/claims/reason-lack-of-progress", "/v1/search?q=ceasefire"]) {
    const response = await request(app.server)
      .get(url)
      .expect(503)
      .expect("content-type", /problem\+json/);
    expect(response.headers["retry-after"]).toBeDefined();
    expect(response.body).toMatchObject({ status: 503, title: "Service Unavailable" });
  }
  const readiness = await request(app.server).get("/readyz").expect(503);
  // The driver's error (hosts, ports, users) is logged, not answered.
  expect(readiness.body.detail).toBe("The database is not reachable or not migrated.");
  expect(readiness.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:1\b/);
  await request(app.server).get("/healthz").expect(200);
});
