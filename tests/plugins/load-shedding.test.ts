// Load shedding: a saturated event loop answers 503 problem+json with
// Retry-After, liveness excepted, and recovers once the loop is free.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createSeededDatabase, type TestDatabase } from "../helpers/test-database.js";

/** Keeps the event loop busy, as a CPU-bound backlog would. */
function blockEventLoop(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe("load shedding", () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await createSeededDatabase("sqlite");
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, maxEventLoopDelayMs: 50 });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("sheds requests with 503 while the event loop lags, and serves again once it catches up", async () => {
    await sleep(250);
    expect((await app.inject("/v1/actors")).statusCode).toBe(200);
    // A CPU-bound backlog: the loop runs 150 ms tasks back to back.
    let backlog = true;
    const hog = () => {
      blockEventLoop(150);
      if (backlog) setImmediate(hog);
    };
    setImmediate(hog);
    let shed = await app.inject("/v1/actors");
    for (let attempt = 0; shed.statusCode !== 503 && attempt < 20; attempt++) {
      await sleep(5);
      shed = await app.inject("/v1/actors");
    }
    backlog = false;
    expect(shed.statusCode).toBe(503);
    expect(shed.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(shed.headers["retry-after"]).toBe("5");
    expect(shed.json()).toMatchObject({ title: "Service Unavailable", status: 503, instance: "/v1/actors" });
    expect((await app.inject("/healthz")).statusCode).toBe(200);
    expect((await app.inject("/healthz?probe=1")).statusCode).toBe(400);

    await sleep(300);
    expect((await app.inject("/v1/actors")).statusCode).toBe(200);
  });
});
