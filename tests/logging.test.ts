// Request logs: one JSON line per request with its id, and never a credential.
import { PassThrough } from "node:stream";
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createApiKey } from "../src/auth/api-keys.js";
import { loggerOptions } from "../src/logging.js";
import { createSeededDatabase, type TestDatabase } from "./helpers/test-database.js";

let database: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
const lines: string[] = [];

beforeAll(async () => {
  database = await createSeededDatabase("sqlite");
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
  app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, logger: loggerOptions("info", { stream }) });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

it("logs one line per request with its id, route, status and duration", async () => {
  lines.length = 0;
  const response = await request(app.server).get("/v1/actors/europe").expect(200);
  await new Promise((resolve) => setImmediate(resolve));
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    reqId: response.headers["x-request-id"],
    method: "GET",
    route: "/v1/actors/:id",
    statusCode: 200,
    durationMs: expect.any(Number),
  });
});

it("never writes an API key to the logs, even when a request fails", async () => {
  const key = await createApiKey(app.db.prisma, "logged", ["write"]);
  lines.length = 0;
  await request(app.server)
    .post("/v1/imports")
    .set("authorization", `Bearer ${key.token}`)
    .send({ broken: true })
    .expect(400);
  await request(app.server).get("/v1/imports/nope").set("authorization", `Bearer ${key.token}x`).expect(401);
  app.log.info({ headers: { authorization: `Bearer ${key.token}` } }, "a line that tries to log a key");
  await new Promise((resolve) => setImmediate(resolve));
  const secret = key.token.split(".")[1] ?? "";
  expect(lines.length).toBeGreaterThanOrEqual(3);
  for (const line of lines) expect(line).not.toContain(secret);
  expect(lines.find((line) => line.includes("a line that tries to log a key"))).toContain("[redacted]");
});
