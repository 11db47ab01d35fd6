// Starts the API: reads the configuration, migrates the database, seeds it on
// first start, listens, and shuts down gracefully on SIGTERM/SIGINT.
import closeWithGrace from "close-with-grace";
import { buildApp } from "./app.js";
import { appOptionsOf, ConfigError, loadConfig } from "./config.js";
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
  ...appOptionsOf(config),
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
