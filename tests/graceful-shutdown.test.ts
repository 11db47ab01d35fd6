// SIGTERM: the server stops accepting connections, finishes the requests in
// flight, closes the database and exits 0. Runs the real server process.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/api-keys.js";
import { openDatabase } from "../src/db/database.js";
import { bundleFixturePath } from "./helpers/fixtures.js";
import { createSeededDatabase, type TestDatabase } from "./helpers/test-database.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Starts src/server.ts on a free port and resolves with it once it listens. */
async function startServer(databaseUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", LOG_LEVEL: "info", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, port, output: () => output };
}

describe("graceful shutdown", () => {
  let database: TestDatabase;
  let token: string;
  beforeAll(async () => {
    database = await createSeededDatabase("sqlite");
    const db = await openDatabase(database.url);
    token = (await createApiKey(db.prisma, "importer", ["write"])).token;
    await db.close();
  });
  afterAll(() => database.drop());

  it("finishes an in-flight import after SIGTERM, refuses new connections, and exits 0", async () => {
    const { child, port, output } = await startServer(database.url);
    const body = readFileSync(bundleFixturePath);

    // An import whose body is still arriving when the signal comes.
    const inFlight = httpRequest({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/v1/imports",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "content-length": body.length,
      },
    });
    const response = once(inFlight, "response") as Promise<[import("node:http").IncomingMessage]>;
    inFlight.write(body.subarray(0, 100));
    await sleep(200);

    const exited = once(child as ChildProcess, "exit") as Promise<[number | null, string | null]>;
    child.kill("SIGTERM");
    await sleep(300);
    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => "accepted",
      () => "refused",
    );
    expect(refused).toBe("refused");

    inFlight.end(body.subarray(100));
    const [res] = await response;
    let text = "";
    for await (const chunk of res) text += chunk;
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(text)).toMatchObject({ sourceId: "eu-sanctions-note-2026", changed: true });

    const [code] = await exited;
    expect(code).toBe(0);
    expect(output()).toMatch(/"msg":"closing"/);
  }, 30_000);
});
