// `npm run synth -- --scale N [--shape shared|copies] [--database URL]`:
// replaces the knowledge base with a synthetic one N times the article's size
// (SQLite or PostgreSQL); the shapes are described in src/content/synthetic.ts.
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { loadSeedDirectory } from "../src/content/seed-directory.js";
import { type SyntheticShape, synthesize, syntheticShapes, writeSynthetic } from "../src/content/synthetic.js";
import { migrateDatabase, openDatabase, rawTable } from "../src/db/database.js";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    shape: { type: "string", default: "shared" },
    database: { type: "string" },
  },
});
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1) throw new Error("--scale must be a positive integer");
const shape = values.shape as SyntheticShape;
if (!syntheticShapes.includes(shape)) throw new Error(`--shape must be one of ${syntheticShapes.join(", ")}`);
const url = values.database ?? loadConfig().DATABASE_URL;

const started = Date.now();
await migrateDatabase(url);
// A bulk load, not a request: its statements (the statements' backfill at scale 10,000 runs for
// tens of seconds on a slow machine) are not bound by the server's 15 s statement timeout.
const db = await openDatabase(url, { statementTimeoutMs: 0 });
try {
  const rows = synthesize(loadSeedDirectory(), scale, shape);
  const report = await writeSynthetic(db, rows);
  // A bulk load: as after any, gather PostgreSQL's planner statistics and mark
  // the pages all-visible (so index-only scans skip the table) now, as
  // autovacuum would later, if it runs at all.
  if (db.location.provider === "postgresql") {
    const tables = await db.queryRows<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1",
      [db.location.schema],
    );
    await db.prisma.$executeRawUnsafe(`VACUUM (ANALYZE) ${tables.map((table) => rawTable(db, table.name)).join(", ")}`);
  }
  const counts = Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
  console.log(
    JSON.stringify({ scale, shape, revision: report.revision, seconds: (Date.now() - started) / 1000, counts }),
  );
} finally {
  await db.close();
}
