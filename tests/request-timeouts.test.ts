// Requests a client is too slow to send, or sends malformed, are answered on
// the socket as problem+json and the connection is closed.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createSeededDatabase, type TestDatabase } from "./helpers/test-database.js";

/** Writes `chunks` to the server and collects what it answers until it closes. */
function exchange(port: number, chunks: string[]): Promise<{ text: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = connect(port, "127.0.0.1", () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    socket.setEncoding("utf8");
    socket.on("data", (data) => {
      text += data;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve({ text, ms: Date.now() - started }));
  });
}

describe("request timeouts and malformed requests", () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let port: number;
  beforeAll(async () => {
    database = await createSeededDatabase("sqlite");
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, requestTimeoutMs: 1_000 });
    await app.listen({ host: "127.0.0.1", port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("cuts off a client that never finishes its request (slowloris) with 408 problem+json", async () => {
    const { text, ms } = await exchange(port, ["GET /v1/actors HTTP/1.1\r\nHost: kb\r\n"]);
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(text.split("\r\n\r\n")[1] ?? "")).toMatchObject({ status: 408, title: "Request Timeout" });
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(5_000);
  });

  it("answers bytes that are not HTTP, and oversized headers, with problem+json", async () => {
    const garbage = await exchange(port, ["\u0000\u0001 NOT HTTP\r\n\r\n"]);
    expect(garbage.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(garbage.text).toMatch(/application\/problem\+json/);
    const huge = await exchange(port, [`GET /v1/actors HTTP/1.1\r\nHost: kb\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`]);
    expect(huge.text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });
});
