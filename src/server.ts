// Starts the API: reads the configuration, migrates the database, seeds it on
// first start, listens, and shuts down gracefully on SIGTERM/SIGINT.
import closeWithGrace from "close-with-grace";
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { seedIfEmpty } from "./content/seed.js";
import { migrateDatabase } from "./db/database.js";
import { loggerOptions, wantsPrettyLogs } from "./logging.js";

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
})();

const applied = await migrateDatabase(config.DATABASE_URL);
const app = await buildApp({
  databaseUrl: config.DATABASE_URL,
  replicaUrl: config.DATABASE_REPLICA_URL,
  poolSize: config.DB_POOL_SIZE,
  statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  lockWaitMs: config.DB_LOCK_WAIT_MS,
  corsOrigins: config.CORS_ORIGINS,
  cacheMaxBytes: config.CACHE_MAX_BYTES,
  revisionPollMs: config.REVISION_POLL_MS,
  searchMaxRanked: config.SEARCH_MAX_RANKED,
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
  logger: loggerOptions(config.LOG_LEVEL, { pretty: wantsPrettyLogs(config.NODE_ENV) }),
});
if (applied.length > 0) app.log.info({ migrations: applied }, "applied migrations");
const seeded = await seedIfEmpty(app.db, app.writeKnowledge);
if (seeded) app.log.info({ revision: seeded.revision }, "seeded the empty knowledge base from seed/");

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, "closing after an error");
  else app.log.info({ signal }, "closing");
  await app.close();
});

await app.listen({ host: config.HOST, port: config.PORT });
