// The service's configuration: the environment (over an optional .env file),
// parsed once by a zod schema. Nothing else reads process.env.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import type { AppOptions } from "./app.js";
import { defaultLockWaitMs } from "./db/database.js";
import { projectFile } from "./project-files.js";

const defaultDatabaseUrl = `file:${projectFile("data/kb.db")}`;

export const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must be a file: (SQLite) or postgres:// URL")
      .default(defaultDatabaseUrl),
    DATABASE_REPLICA_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL (a read replica of DATABASE_URL)")
      .optional(),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
    DB_LOCK_WAIT_MS: z.coerce
      .number()
      .int()
      .min(1)
      .default(defaultLockWaitMs)
      .describe("PostgreSQL: how long a write waits for other writers before a 503 with Retry-After."),
    CACHE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
    REVISION_POLL_MS: z.coerce.number().int().min(0).default(1_000),
    PAST_REVISIONS_KEPT: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(4)
      .describe("How many past revisions (asOf reads) are kept ready, each an embedded database on disk."),
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1_024)
      .default(5 * 1024 * 1024),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional()
      .describe("Share rate-limit counters between instances through Redis."),
    RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(600),
    RATE_LIMIT_PER_KEY: z.coerce.number().int().min(0).default(120),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1_000).default(60_000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
    TRUST_PROXY: z
      .string()
      .default("false")
      .transform(parseTrustProxy)
      .describe("Whether X-Forwarded-For is believed: false, true, or the proxies' addresses (comma-separated)."),
    CORS_ORIGINS: z
      .string()
      .default("*")
      .transform((value) => (value.trim() === "*" ? "*" : value.split(",").map((origin) => origin.trim())))
      .pipe(z.union([z.literal("*"), z.array(z.url({ protocol: /^https?$/ }))]))
      .describe("Origins allowed to read cross-origin: * or a comma-separated list."),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional()
      .describe(
        "Where clients reach the service, the base of absolute URLs (cards, oEmbed, JSON-LD); without it, behind a trusted proxy the host it forwards, and otherwise the address and port the request reached.",
      ),
    CURSOR_SECRET: z
      .string()
      .min(32)
      .max(500)
      .optional()
      .describe("The key list cursors are signed with; without it, one derived from DATABASE_URL."),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((config, ctx) => {
    if (config.DB_STATEMENT_TIMEOUT_MS > 0 && config.DB_LOCK_WAIT_MS >= config.DB_STATEMENT_TIMEOUT_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["DB_LOCK_WAIT_MS"],
        message: "must be less than DB_STATEMENT_TIMEOUT_MS, or a long wait for the lock ends as a statement timeout",
      });
    }
    if (config.DATABASE_REPLICA_URL && !config.DATABASE_URL.startsWith("postgres")) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_REPLICA_URL"],
        message: "a read replica needs a PostgreSQL DATABASE_URL",
      });
    }
  });
export type Config = z.infer<typeof configSchema>;

/** buildApp's options as a configuration gives them (server.ts: the environment's; the defaults: none). */
export function appOptionsOf(config: Config) {
  return {
    databaseUrl: config.DATABASE_URL,
    replicaUrl: config.DATABASE_REPLICA_URL,
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    lockWaitMs: config.DB_LOCK_WAIT_MS,
    corsOrigins: config.CORS_ORIGINS,
    cacheMaxBytes: config.CACHE_MAX_BYTES,
    revisionPollMs: config.REVISION_POLL_MS,
    pastRevisionsKept: config.PAST_REVISIONS_KEPT,
    importMaxBytes: config.IMPORT_MAX_BYTES,
    rateLimit: {
      perAddress: config.RATE_LIMIT_PER_ADDRESS,
      perKey: config.RATE_LIMIT_PER_KEY,
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      redisUrl: config.REDIS_URL,
    },
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS,
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL,
    cursorSecret: config.CURSOR_SECRET,
  } satisfies AppOptions;
}

/** The options of an app built with nothing configured: the schema's defaults. */
export const defaultAppOptions = () => appOptionsOf(configSchema.parse({}));

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * The environment a process runs with: its own variables over those of a `.env`
 * file in the working directory, if there is one (the process's always win).
 */
export function readEnvironment(cwd = process.cwd()): Record<string, string | undefined> {
  const file = join(cwd, ".env");
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, "utf8")) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
}

/** Fastify's trustProxy from its textual form: a boolean, or the proxies' addresses/CIDRs. */
function parseTrustProxy(value: string): boolean | string[] {
  if (value === "true" || value === "false") return value === "true";
  return value.split(",").map((entry) => entry.trim());
}
