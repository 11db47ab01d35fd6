// `npm run soak`: the built server under mixed reads and imports for a bounded
// time on loopback. Reports throughput, errors (must be 0: any 4xx/5xx, socket
// error, timeout, or a read that does not show the import just made) and the
// server's memory over time (must be flat). Writes docs/reliability.md and
// exits 1 when either check fails.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { createApiKey } from "../src/auth/api-keys.js";
import { seedDatabase } from "../src/content/seed.js";
import { migrateDatabase, openDatabase } from "../src/db/database.js";
import { apiCommand, startServer } from "./processes.js";
import { writeSection } from "./report.js";

const seconds = Number(process.env.SOAK_SECONDS ?? 120);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 20);
const importIntervalMs = Number(process.env.SOAK_IMPORT_INTERVAL_MS ?? 250);
const databaseUrl = process.env.SOAK_DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), "kb-soak-")), "kb.db")}`;
/** Memory is flat when the last third's median RSS is within this of the middle third's. */
const flatTolerance = 0.1;

const reads = [
  "/v1/actors/ukraine/implications?include=actors,claims",
  "/v1/claims?kind=statement&limit=50",
  "/v1/claims/statement-ukraine-welcomes-eu-sanctions",
  "/v1/events?from=2025-01&include=actors",
  "/v1/search?q=ceasefire",
  "/v1/actors/europe",
  "/v1/implications?actor=russia&role=subject",
  "/v1/sources",
];

execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
await migrateDatabase(databaseUrl);
const db = await openDatabase(databaseUrl);
await seedDatabase(db);
const { token } = await createApiKey(db.prisma, "soak", ["write"]);
const fixture = JSON.parse(readFileSync(new URL("../tests/fixtures/bundle.json", import.meta.url), "utf8"));

/** Imports edition `n` of the fixture (a new claim text each time) and checks the next read shows it. */
async function fetchImport(n: number, url: string): Promise<"ok" | string> {
  const claim = { ...fixture.claims[0], text: `Ukraine welcomed the new EU sanctions package (edition ${n}).` };
  const bundle = { ...fixture, claims: [claim, ...fixture.claims.slice(1)] };
  const response = await fetch(`${url}/v1/imports`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(bundle),
  });
  if (response.status !== 201) return `import ${n}: ${response.status} ${await response.text()}`;
  const read = await fetch(`${url}/v1/claims/${claim.id}`);
  const body = (await read.json()) as { text?: string };
  return body.text === claim.text ? "ok" : `import ${n}: the next read showed "${body.text}"`;
}

const server = await startServer(apiCommand, { env: { DATABASE_URL: databaseUrl }, readyPath: "/readyz" });
// The first edition exists before the reads start, so every read route answers 200.
const first = await fetchImport(0, server.url);
if (first !== "ok") throw new Error(first);
const rss: { at: number; mb: number }[] = [];
const perSecond: number[] = [];
let responses = 0;
const started = performance.now();
const sampler = setInterval(() => {
  perSecond.push(responses);
  responses = 0;
  const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
  rss.push({ at: (performance.now() - started) / 1_000, mb: Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024 });
}, 1_000);

const load = new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    { url: server.url, connections, duration: seconds, requests: reads.map((path) => ({ method: "GET", path })) },
    (error, result) => (error ? reject(error) : resolve(result)),
  );
  instance.on("response", () => {
    responses += 1;
  });
});

const importFailures: string[] = [];
let imports = 0;
const importer = (async () => {
  const until = performance.now() + seconds * 1_000;
  while (performance.now() < until) {
    imports += 1;
    const outcome = await fetchImport(imports, server.url).catch(
      (error: Error) => `import ${imports}: ${error.message}`,
    );
    if (outcome !== "ok") importFailures.push(outcome);
    await new Promise((resolve) => setTimeout(resolve, importIntervalMs));
  }
})();

const result = await load;
await importer;
clearInterval(sampler);
const peakRss = server.peakRssMb();
await server.stop();
await db.close();

const readErrors = result.errors + result.timeouts + result["4xx"] + result["5xx"];
const errors = readErrors + importFailures.length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const third = Math.floor(rss.length / 3);
const middle = median(rss.slice(third, 2 * third).map((s) => s.mb));
const last = median(rss.slice(2 * third).map((s) => s.mb));
const growth = middle > 0 ? (last - middle) / middle : 0;
const flat = growth <= flatTolerance;

const lines: string[] = [];
const out = (line = "") => lines.push(line);
out(`Written by \`npm run soak\` (bench/soak.ts); numbers from the last run.`);
out();
out(`- Date: ${new Date().toISOString()}; Node.js ${process.version}; ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}`);
out(
  `- Database: ${databaseUrl.startsWith("file:") ? "SQLite" : "PostgreSQL"}; ${seconds} s; ${connections} connections cycling through ${reads.length} read routes; one import every ${importIntervalMs} ms (each a new edition of a bundle, then a read that must show it)`,
);
out();
out("| Measure | Value |");
out("| --- | --- |");
out(
  `| Reads | ${result.requests.total.toLocaleString("en")} (${Math.round(result.requests.average).toLocaleString("en")} req/s, p99 ${result.latency.p99} ms) |`,
);
out(`| Imports | ${imports} (each followed by a read that showed it) |`);
out(`| Read errors (socket errors, timeouts, 4xx, 5xx) | ${readErrors} |`);
out(`| Import errors (non-201, or the next read stale) | ${importFailures.length} |`);
out(
  `| RSS, middle third → last third (median) | ${middle.toFixed(1)} MB → ${last.toFixed(1)} MB (${(growth * 100).toFixed(1)}%) |`,
);
out(`| Peak RSS | ${peakRss.toFixed(1)} MB |`);
out(
  `| Verdict | ${errors === 0 ? "0 errors" : `**${errors} errors**`}; memory ${flat ? "flat" : "**growing**"} (tolerance ${flatTolerance * 100}%) |`,
);
out();
out("Over time (every tenth of the run):");
out();
out("| Second | Reads/s | RSS MB |");
out("| ---: | ---: | ---: |");
const step = Math.max(1, Math.floor(seconds / 10));
for (let second = step; second <= seconds; second += step) {
  const window = perSecond.slice(second - step, second);
  const sample = rss.filter((s) => s.at <= second + 0.5).at(-1) ?? rss.at(-1);
  out(
    `| ${second} | ${Math.round(window.reduce((a, b) => a + b, 0) / (window.length || 1)).toLocaleString("en")} | ${sample?.mb.toFixed(1) ?? "-"} |`,
  );
}
for (const failure of importFailures.slice(0, 5)) out(`\n- ${failure}`);

console.log(lines.join("\n"));
writeSection(
  new URL("../docs/reliability.md", import.meta.url),
  "<!-- soak:start (written by npm run soak) -->",
  "<!-- soak:end -->",
  lines,
);
console.log("\nwrote docs/reliability.md");
if (errors > 0 || !flat) process.exit(1);
