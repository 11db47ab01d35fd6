// Configuration: defaults, a .env file under the process's own environment,
// and a fast, plain failure naming every bad variable.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { ConfigError, configSchema, loadConfig, readEnvironment } from "../src/config.js";
import { createSeededDatabase } from "./helpers/test-database.js";

describe("configuration", () => {
  it("has a working default for every setting", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      DB_POOL_SIZE: 10,
      DB_STATEMENT_TIMEOUT_MS: 15_000,
      DB_LOCK_WAIT_MS: 5_000,
      RATE_LIMIT_PER_ADDRESS: 600,
      RATE_LIMIT_PER_KEY: 120,
      TRUST_PROXY: false,
      CORS_ORIGINS: "*",
      LOG_LEVEL: "info",
    });
    expect(config.DATABASE_URL).toMatch(/^file:.*data\/kb\.db$/);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("refuses a lock wait as long as the statement timeout, which would end it as a 500", () => {
    expect(() => loadConfig({ DB_LOCK_WAIT_MS: "15000" })).toThrow(/DB_LOCK_WAIT_MS: must be less than/);
    expect(loadConfig({ DB_LOCK_WAIT_MS: "15000", DB_STATEMENT_TIMEOUT_MS: "0" }).DB_LOCK_WAIT_MS).toBe(15_000);
  });

  it("is documented: every variable in the README's table and in .env.example", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    for (const name of Object.keys(configSchema.shape)) {
      expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\`\\s+\\|`, "m"));
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, "m"));
    }
  });

  it("names every bad variable at once", () => {
    const bad = {
      PORT: "eighty",
      DATABASE_URL: "mysql://localhost/kb",
      LOG_LEVEL: "loud",
      RATE_LIMIT_PER_KEY: "-1",
      REDIS_URL: "http://cache",
      CORS_ORIGINS: "ftp://files.example",
    };
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig(bad);
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of Object.keys(bad)) expect(message).toMatch(new RegExp(`^- ${name}`, "m"));
  });

  it("refuses a read replica for an SQLite knowledge base", () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: "postgresql://replica/kb" })).toThrow(
      /- DATABASE_REPLICA_URL: a read replica needs a PostgreSQL DATABASE_URL/,
    );
    expect(
      loadConfig({ DATABASE_URL: "postgresql://primary/kb", DATABASE_REPLICA_URL: "postgresql://replica/kb" })
        .DATABASE_REPLICA_URL,
    ).toBe("postgresql://replica/kb");
  });

  it("reads a .env file, and the process's own environment wins over it", () => {
    const dir = mkdtempSync(join(tmpdir(), "kb-env-"));
    writeFileSync(join(dir, ".env"), "PORT=4321\nLOG_LEVEL=debug\n# a comment\nTRUST_PROXY=10.0.0.1, 10.0.0.2\n");
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "warn";
    try {
      const config = loadConfig(readEnvironment(dir));
      expect(config.PORT).toBe(process.env.PORT ? Number(process.env.PORT) : 4321);
      expect(config.LOG_LEVEL).toBe("warn");
      expect(config.TRUST_PROXY).toEqual(["10.0.0.1", "10.0.0.2"]);
    } finally {
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    }
  });

  it("stops the server at start-up with exit code 1 and the message, no stack trace", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...process.env, PORT: "-5", DATABASE_URL: "mysql://x", CI: "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /invalid configuration:\n- PORT: .+\n- DATABASE_URL: must be a file: \(SQLite\) or postgres:\/\/ URL/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  describe("CORS_ORIGINS", () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
    });

    it("allows only the listed origins when set", async () => {
      const database = await createSeededDatabase("sqlite");
      const app = await buildApp({ databaseUrl: database.url, corsOrigins: ["https://news.example"] });
      await app.ready();
      cleanups.push(async () => {
        await app.close();
        await database.drop();
      });
      const allowed = await request(app.server).get("/v1/actors").set("origin", "https://news.example").expect(200);
      expect(allowed.headers["access-control-allow-origin"]).toBe("https://news.example");
      const other = await request(app.server).get("/v1/actors").set("origin", "https://elsewhere.example").expect(200);
      expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    });
  });
});
