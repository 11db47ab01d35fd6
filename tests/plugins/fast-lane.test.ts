// The fast lane: cache hits answered by the HTTP server before Fastify's
// pipeline, with the very answer the pipeline gives, counted, logged and
// rate-limited like any other request; whatever might be answered differently
// is left to the pipeline. (app.inject never reaches the HTTP server, so it
// shows what the pipeline answers.)
import { once } from "node:events";
import { type AddressInfo, connect } from "node:net";
import { PassThrough } from "node:stream";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { type AppOptions, buildApp } from "../../src/app.js";
import { loggerOptions } from "../../src/logging.js";
import { createSeededDatabase } from "../helpers/test-database.js";

const url = "/v1/implications/europe-nato-tensions";
/** Headers that differ between any two answers, whoever gives them. */
const perAnswer = new Set([
  "x-request-id",
  "date",
  "ratelimit-remaining",
  "ratelimit-reset",
  "connection",
  "keep-alive",
]);
const comparable = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !perAnswer.has(name)));

describe("fast lane", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  async function start(options: Partial<AppOptions> = {}) {
    const database = await createSeededDatabase("sqlite");
    const lines: Record<string, unknown>[] = [];
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) =>
      lines.push(
        ...chunk
          .toString()
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
      ),
    );
    const app = await buildApp({
      databaseUrl: database.url,
      revisionPollMs: 0,
      logger: loggerOptions("info", { stream }),
      ...options,
    });
    // Requests answered by Fastify's pipeline (every answer it gives runs its onResponse hooks).
    const piped: string[] = [];
    app.addHook("onResponse", (req, _reply, done) => {
      piped.push(`${req.method} ${req.url}`);
      done();
    });
    await app.ready();
    cleanups.push(async () => {
      await app.close();
      await database.drop();
    });
    // An answer reaches the client before its onResponse hooks have run.
    const settled = () => new Promise((resolve) => setTimeout(resolve, 10));
    return { app, lines, piped, settled, http: () => request(app.server) };
  }

  it("answers a cached read with the pipeline's headers and bytes, without entering the pipeline", async () => {
    const { app, piped, settled, http } = await start();
    const miss = await http().get(url).expect(200).expect("x-cache", "MISS");
    await settled();
    piped.length = 0;
    const hit = await http().get(url).set("x-request-id", "trace-me").expect(200).expect("x-cache", "HIT");
    expect(hit.headers["x-request-id"]).toBe("trace-me");
    expect(hit.text).toBe(miss.text);
    expect(hit.headers["content-length"]).toBe(String(Buffer.byteLength(miss.text)));

    await settled();
    expect(piped).toEqual([]);
    const fromPipeline = await app.inject(url);
    expect(fromPipeline.headers["x-cache"]).toBe("HIT");
    expect(piped).toEqual([`GET ${url}`]);
    expect(comparable(hit.headers)).toEqual(comparable(fromPipeline.headers));
    expect(Object.keys(hit.headers).sort()).toEqual(Object.keys({ ...fromPipeline.headers, date: "" }).sort());
    expect(hit.headers["ratelimit-remaining"]).toBe("598");
    expect(fromPipeline.headers["ratelimit-remaining"]).toBe("597");
    expect(hit.text).toBe(fromPipeline.body);
  });

  it("counts its answers against the client's rate limit, and leaves the refusal to the pipeline", async () => {
    const { piped, settled, http } = await start({ rateLimit: { perAddress: 3, perKey: 0, windowMs: 60_000 } });
    await http().get(url).expect(200).expect("ratelimit-remaining", "2");
    await settled();
    piped.length = 0;
    await http().get(url).expect(200).expect("x-cache", "HIT").expect("ratelimit-remaining", "1");
    await http().get(url).expect(200).expect("x-cache", "HIT").expect("ratelimit-remaining", "0");
    await settled();
    expect(piped).toEqual([]);
    const refused = await http()
      .get(url)
      .expect(429)
      .expect("content-type", /application\/problem\+json/);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    await settled();
    expect(piped).toEqual([`GET ${url}`]);
  });

  it("reads the client's address behind a trusted proxy as Fastify does", async () => {
    const { piped, settled, http } = await start({
      trustProxy: true,
      rateLimit: { perAddress: 1, perKey: 0, windowMs: 60_000 },
    });
    await http().get(url).set("x-forwarded-for", "203.0.113.1").expect(200).expect("x-cache", "MISS");
    await settled();
    piped.length = 0;
    await http().get(url).set("x-forwarded-for", "203.0.113.2").expect(200).expect("x-cache", "HIT");
    await settled();
    expect(piped).toEqual([]);
    await http().get(url).set("x-forwarded-for", "203.0.113.1").expect(429);
  });

  it("logs each answer and counts it in the metrics", async () => {
    const { app, lines, piped, settled, http } = await start();
    await http().get(url).expect(200);
    await settled();
    piped.length = 0;
    const hit = await http().get(url).expect(200).expect("x-cache", "HIT");
    await settled();
    expect(piped).toEqual([]);
    expect(lines.filter((line) => line.msg === "request completed").at(-1)).toMatchObject({
      reqId: hit.headers["x-request-id"],
      method: "GET",
      url,
      route: "/v1/implications/:id",
      statusCode: 200,
      durationMs: expect.any(Number),
    });
    const metrics = (await app.inject("/metrics")).body;
    expect(metrics).toContain('kb_response_cache_total{outcome="hit"} 1');
    expect(metrics).toContain('kb_response_cache_total{outcome="miss"} 1');
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/implications\/:id",status_code="200"\} 2/,
    );
  });

  it("leaves to the pipeline what it might answer differently", async () => {
    const { piped, settled, http } = await start({ corsOrigins: ["https://a.example", "https://b.example"] });
    await http().get(url).set("origin", "https://a.example").expect(200).expect("x-cache", "MISS");
    await settled();
    piped.length = 0;
    const sameOrigin = await http().get(url).set("origin", "https://a.example").expect("x-cache", "HIT");
    expect(sameOrigin.headers["access-control-allow-origin"]).toBe("https://a.example");
    await settled();
    expect(piped).toEqual([]);

    // CORS answers another origin differently.
    const other = await http().get(url).set("origin", "https://b.example").expect(200).expect("x-cache", "HIT");
    expect(other.headers["access-control-allow-origin"]).toBe("https://b.example");
    // Conditional requests, other methods and other representations.
    await http()
      .get(url)
      .set("origin", "https://a.example")
      .set("if-none-match", String(sameOrigin.headers.etag))
      .expect(304);
    await http().head(url).set("origin", "https://a.example").expect(200);
    const jsonLd = await http().get(url).set("origin", "https://a.example").set("accept", "application/ld+json");
    expect(jsonLd.headers["content-type"]).toMatch(/application\/ld\+json/);
    await settled();
    expect(piped).toEqual([`GET ${url}`, `GET ${url}`, `HEAD ${url}`, `GET ${url}`]);
  });

  it("stops answering from the cache the moment a write changes the revision", async () => {
    const { app, piped, settled, http } = await start();
    await http().get(url).expect(200);
    await settled();
    piped.length = 0;
    await http().get(url).expect("x-cache", "HIT");
    await settled();
    expect(piped).toEqual([]);
    app.revision.set(app.revision.current() + 1);
    await settled();
    piped.length = 0;
    await http().get(url).expect(200).expect("x-cache", "MISS");
    await settled();
    expect(piped).toEqual([`GET ${url}`]);
  });

  it("leaves requests to load shedding while the event loop lags", async () => {
    const { http } = await start({ maxEventLoopDelayMs: 50 });
    // Start-up's own lag passes first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await http().get(url).expect(200);
    await http().get(url).expect("x-cache", "HIT");
    let backlog = true;
    const hog = () => {
      const until = Date.now() + 150;
      while (Date.now() < until);
      if (backlog) setImmediate(hog);
    };
    setImmediate(hog);
    let shed = await http().get(url);
    for (let attempt = 0; shed.status !== 503 && attempt < 20; attempt++) shed = await http().get(url);
    backlog = false;
    expect(shed.status).toBe(503);
    expect(shed.headers["content-type"]).toMatch(/application\/problem\+json/);
  });

  it("leaves requests to the pipeline once closing: a keep-alive client gets 503 with Connection: close", async () => {
    const { app, http } = await start();
    await http().get(url).expect(200);
    await http().get(url).expect("x-cache", "HIT");
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
    });
    const ended = once(socket, "close");
    const giveUp = setTimeout(() => socket.destroy(), 10_000);
    // A request still arriving when closing starts keeps the connection busy (not closed as
    // idle); a read of the cached URL follows it on the same keep-alive connection.
    const body = "{}";
    socket.write(
      `POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write(`${body}GET ${url} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await ended;
    clearTimeout(giveUp);
    await closed;
    const answers = received.split(/(?=HTTP\/1\.1 \d{3})/).map((answer) => ({
      status: Number(answer.slice(9, 12)),
      connection: /\r\nconnection: ([^\r]*)/i.exec(answer)?.[1],
    }));
    expect(answers.at(-1)).toEqual({ status: 503, connection: "close" });
  });
});
