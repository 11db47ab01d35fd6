// `npm run search:eval [-- --postgresql <url>] [--verbose]`: runs the queries of
// tests/search/queries.json against a fresh seeded knowledge base (a temporary
// SQLite file, or a new schema of the PostgreSQL database given) and prints
// the pass rate, recall@5 and MRR that docs/search.md reports, with every
// query that failed and the hits it got.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDatabase } from "../src/content/seed.js";
import { migrateDatabase, openDatabase } from "../src/db/database.js";
import { search } from "../src/modules/search/service.js";
import { evaluateSearch, readSearchCases } from "../src/search/search-evaluation.js";

const postgresAt = process.argv.indexOf("--postgresql");
const verbose = process.argv.includes("--verbose");
const base = postgresAt >= 0 ? process.argv[postgresAt + 1] : undefined;
const dir = base ? undefined : mkdtempSync(join(tmpdir(), "kb-search-eval-"));
const schema = `search_eval_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const url = base
  ? (() => {
      const u = new URL(base);
      u.searchParams.set("schema", schema);
      return u.toString();
    })()
  : `file:${join(dir ?? "", "kb.db")}`;

await migrateDatabase(url);
const db = await openDatabase(url);
try {
  await seedDatabase(db);
  const evaluation = await evaluateSearch(readSearchCases(), async (q) => {
    const page = await search(db, { q, limit: 10 });
    return page.data.map((hit) => `${hit.type}:${hit.id}`);
  });
  const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
  console.log(
    `${db.location.provider}: ${evaluation.cases.filter((c) => c.passed).length}/${evaluation.cases.length} queries pass (${percent(evaluation.passRate)}), recall@5 ${percent(evaluation.recallAt5)}, MRR ${evaluation.meanReciprocalRank.toFixed(3)}`,
  );
  for (const c of evaluation.cases) {
    if (c.passed && !verbose) continue;
    console.log(`${c.passed ? "pass" : "FAIL"}  ${JSON.stringify(c.q)} (${c.why}): wanted ${c.top5.join(", ")}`);
    console.log(`      got ${c.hits.slice(0, 5).join(", ") || "nothing"}`);
  }
} finally {
  if (base) await db.writeTransaction((tx) => tx.execute(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  await db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
