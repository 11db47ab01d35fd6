// `npm run bench`: the ceiling (bare Fastify), our API on SQLite and PostgreSQL,
// and json-server, side by side on loopback; then uncached reads as the
// knowledge base grows. Writes the results to docs/benchmarks.md.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { databaseUrl, postgresAvailable, postgresBase, synthesize, work, writeKey } from "./databases.js";
import { measureGrowth } from "./growth.js";
import { apiCommand, type RunningServer, startServer } from "./processes.js";
import { writeSection } from "./report.js";

const duration = Number(process.env.BENCH_DURATION ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const growthDuration = Number(process.env.BENCH_GROWTH_DURATION ?? 3);
const startups = 5;
// `--scales 1,100` for a quick run of the growth tables; PostgreSQL also runs
// `--postgresql-scales` (scale 10,000 by default: about 460,000 claims).
// `--only hot` or `--only growth` runs one part.
const { values: args } = parseArgs({
  options: {
    scales: { type: "string", default: "1,100,1000" },
    "postgresql-scales": { type: "string", default: "10000" },
    only: { type: "string" },
  },
});
const scaleList = (list: string) =>
  list
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
const scales = scaleList(args.scales);
const postgresqlScales = [...new Set([...scales, ...scaleList(args["postgresql-scales"])])].sort((a, b) => a - b);
const only = args.only;
if (only !== undefined && only !== "hot" && only !== "growth") throw new Error("--only takes hot or growth");
const startMarker = "<!-- bench:start (written by npm run bench) -->";
const endMarker = "<!-- bench:end -->";

interface Measurement {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  status: string;
  /** The response body's size; for the API, its own (PostgreSQL's search snippets are longer than SQLite's). */
  bytes?: number;
}

/**
 * Two seconds of the same load first, not counted: the server's JIT warms to
 * the route, and the load generator's own leftovers from the previous run (it
 * shares the machine's cores) are cleared before the measured run starts.
 */
async function load(url: string, options: { connections: number; duration: number; headers?: Record<string, string> }) {
  await autocannon({ url, ...options, duration: 2 });
  const result = await autocannon({ url, ...options });
  const errors = result.errors + result.timeouts + result["4xx"] + result["5xx"];
  return {
    requests: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors,
    status: result["3xx"] > 0 ? "304" : "200",
  } satisfies Measurement;
}

/** Rounds of one measurement as one: the median of each rate and percentile, the highest maximum, every error. */
function combine(measured: Measurement[]): Measurement {
  const median = (figure: (m: Measurement) => number) =>
    measured.map(figure).sort((a, b) => a - b)[Math.floor(measured.length / 2)] ?? 0;
  return {
    requests: median((m) => m.requests),
    p50: median((m) => m.p50),
    p99: median((m) => m.p99),
    max: Math.max(...measured.map((m) => m.max)),
    errors: measured.reduce((sum, m) => sum + m.errors, 0),
    status: measured[0]?.status ?? "200",
    bytes: measured[0]?.bytes,
  };
}

const hotRoutes = [
  { name: "implications by actor, with includes", path: "/v1/actors/europe/implications?include=claims,actors" },
  { name: "filtered list", path: "/v1/claims?kind=position&about=russia" },
  { name: "single record", path: "/v1/implications/europe-nato-tensions" },
  { name: "search", path: "/v1/search?q=ceasefire" },
  // The site's page of an actor (issue 22): HTML, cached like the API's JSON.
  { name: "actor page, /actors/ukraine (HTML)", path: "/actors/ukraine" },
  { name: "conditional GET (304)", path: "/v1/actors/europe/implications?include=claims,actors", conditional: true },
];

/** One hot route on one server, after a warming request (whose ETag the conditional GET sends). */
async function measureHot(server: RunningServer, route: (typeof hotRoutes)[number]) {
  const warm = await fetch(`${server.url}${route.path}`);
  const etag = warm.headers.get("etag") ?? "";
  const bytes = route.conditional ? 0 : (await warm.arrayBuffer()).byteLength;
  const headers: Record<string, string> = route.conditional ? { "if-none-match": etag } : {};
  return { ...(await load(`${server.url}${route.path}`, { connections, duration, headers })), bytes };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number, b: number) => (b === 0 ? "n/a" : `${(a / b).toFixed(2)}x`);

const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  console.log(line);
};

execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
const withPostgres = await postgresAvailable();
const providers = withPostgres ? (["sqlite", "postgresql"] as const) : (["sqlite"] as const);

if (!only || only === "hot") {
  out(
    "Written by `npm run bench` (bench/run.ts); numbers from the last run. Every server runs in its own process on loopback, started by the benchmark; the load generator is autocannon in the benchmark's process.",
  );
  out();
  out(`- Date: ${new Date().toISOString()}`);
  out(
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, ${process.platform} ${process.arch}`,
  );
  out(`- Node.js ${process.version}`);
  out(
    `- Hot reads: autocannon, ${connections} connections; per route, ${rounds} rounds of ${duration} s on each server in turn, each after a warming request and 2 s of uncounted load; the median of the rounds' figures (max: the highest). Growth: sequential requests on one keep-alive connection for ${growthDuration} s per route, response cache off.`,
  );
  out(`- PostgreSQL: ${withPostgres ? postgresBase : "not reachable: PostgreSQL rows skipped"}`);
  out();

  const seeded: Record<string, string> = {};
  for (const provider of providers) {
    seeded[provider] = await databaseUrl(provider, 1);
    await synthesize(seeded[provider] ?? "", 1);
  }

  // Our API, started once before measuring so that its body gives the ceiling's size.
  const api: Record<string, RunningServer> = {};
  for (const provider of providers) {
    api[provider] = await startServer(apiCommand, {
      env: { DATABASE_URL: seeded[provider] ?? "" },
      readyPath: "/readyz",
    });
  }
  // The ceiling serves, for each hot route, a static body of the same size as
  // ours; and, for reference, that body with the other headers our API sends.
  const headersFastifySets = new Set(["content-type", "content-length", "date", "connection", "keep-alive"]);
  const bodyFiles: string[] = [];
  const headerFiles: string[] = [];
  for (const [index, route] of hotRoutes.entries()) {
    await fetch(`${api.sqlite?.url}${route.path}`).then((r) => r.text());
    const response = await fetch(`${api.sqlite?.url}${route.path}`);
    bodyFiles.push(join(work, `ceiling-${index}.json`));
    writeFileSync(bodyFiles[index] ?? "", await response.text());
    headerFiles.push(join(work, `ceiling-${index}-headers.json`));
    const headers = [...response.headers].filter(([name]) => !headersFastifySets.has(name));
    writeFileSync(headerFiles[index] ?? "", JSON.stringify(Object.fromEntries(headers)));
  }
  const ceilingServer = await startServer(() => [process.execPath, "--import", "tsx", "bench/ceiling-server.ts"], {
    env: { BODY_FILES: bodyFiles.join(","), HEADER_FILES: headerFiles.join(",") },
    readyPath: "/0",
  });
  // Route by route, the ceiling and then our API on each database, one after
  // the other, in rounds: the machine's speed drifts over minutes, and a ratio
  // should compare runs made under the same conditions.
  const ceilings: Measurement[] = [];
  const ceilingsWithHeaders: Measurement[] = [];
  const hot: Record<string, Measurement[]> = {};
  for (const [index, route] of hotRoutes.entries()) {
    const measured: Record<string, Measurement[]> = {};
    const measure = async (name: string, run: () => Promise<Measurement>) => {
      measured[name] = [...(measured[name] ?? []), await run()];
    };
    for (let round = 0; round < rounds; round++) {
      if (!route.conditional) {
        await measure("ceiling", () => load(`${ceilingServer.url}/${index}`, { connections, duration }));
        await measure("headers", () => load(`${ceilingServer.url}/${index}/with-headers`, { connections, duration }));
      }
      for (const provider of providers) {
        const server = api[provider];
        if (server) await measure(provider, () => measureHot(server, route));
      }
    }
    ceilings.push(route.conditional ? (ceilings[0] as Measurement) : combine(measured.ceiling ?? []));
    ceilingsWithHeaders.push(
      route.conditional ? (ceilingsWithHeaders[0] as Measurement) : combine(measured.headers ?? []),
    );
    for (const provider of providers) {
      if (measured[provider]) hot[provider] = [...(hot[provider] ?? []), combine(measured[provider])];
    }
  }
  const ceilingRss = ceilingServer.peakRssMb();
  await ceilingServer.stop();

  out("## Hot reads against the ceiling");
  out();
  out(
    "The ceiling is a bare Fastify app returning, for each route, a static JSON body of the same size as our response on that route on SQLite (for the 304 row: the first route's); the body bytes are each server's own (PostgreSQL's search snippets are longer, so its search body is larger than the ceiling's). Each route was measured on the ceiling and then on our API, one after the other, in rounds. Ratios are to that ceiling: requests/s (higher is better; target ≥ 0.8x for cached reads) and p99 (lower is better; target ≤ 1.5x). For reference, the same bare Fastify app also sent each body with the other headers our API sends on that route (security, CORS, caching, rate limit, request id): the last ratio is to that.",
  );
  out();
  out(
    "| Server | Route | Body bytes | Req/s | p50 ms | p99 ms | max ms | Errors | Req/s vs ceiling | p99 vs ceiling | Req/s vs ceiling with the API's headers | Peak RSS MB |",
  );
  out("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  const row = (server: string, route: string, index: number, m: Measurement, rss: number) => {
    const c = ceilings[index] ?? m;
    const h = ceilingsWithHeaders[index] ?? m;
    const bytes = m.bytes ?? readFileSync(bodyFiles[index] ?? "").length;
    out(
      `| ${server} | ${route} | ${fmt(bytes)} | ${fmt(m.requests)} | ${m.p50} | ${m.p99} | ${m.max} | ${m.errors} | ${ratio(m.requests, c.requests)} | ${ratio(m.p99, c.p99)} | ${ratio(m.requests, h.requests)} | ${fmt(rss)} |`,
    );
  };
  for (const [name, measurements] of [
    ["ceiling (bare Fastify)", ceilings],
    ["bare Fastify with the API's headers", ceilingsWithHeaders],
  ] as const) {
    for (const [index, route] of hotRoutes.entries()) {
      const m = measurements[index];
      if (m && !route.conditional) row(name, route.name, index, m, ceilingRss);
    }
  }
  for (const provider of providers) {
    const rss = api[provider]?.peakRssMb() ?? 0;
    for (const [index, m] of (hot[provider] ?? []).entries()) {
      row(`API on ${provider}`, `${hotRoutes[index]?.name} (${m.status})`, index, m, rss);
    }
  }

  // json-server, the peer, serving the same records from a JSON file.
  const collect = async (path: string) => {
    const items: unknown[] = [];
    let url: string | null = `${api.sqlite?.url}${path}?limit=100`;
    while (url) {
      const page = (await (await fetch(url)).json()) as { data: unknown[]; page: { nextCursor: string | null } };
      items.push(...page.data);
      url = page.page.nextCursor ? `${api.sqlite?.url}${path}?limit=100&cursor=${page.page.nextCursor}` : null;
    }
    return items;
  };
  const dbFile = join(work, "json-server-db.json");
  writeFileSync(
    dbFile,
    JSON.stringify({ claims: await collect("/v1/claims"), implications: await collect("/v1/implications") }),
  );
  const jsonServer = await startServer(
    (port) => [process.execPath, "node_modules/json-server/lib/cli/bin.js", dbFile, "--quiet", "--port", String(port)],
    { readyPath: "/implications" },
  );
  const peerRoutes = [
    { name: "list with a filter", peer: "/claims?kind=position", ours: "/v1/claims?kind=position&limit=100" },
    {
      name: "single record",
      peer: "/implications/europe-nato-tensions",
      ours: "/v1/implications/europe-nato-tensions",
    },
  ];
  out();
  out("## Against a peer: json-server");
  out();
  out(
    "json-server 0.17 serving the same claims and implications (exported from our API) from a JSON file, on its own best routes: a filtered list and a single record. Target: ours ≥ 3x its requests/s.",
  );
  out();
  out("| Route | json-server req/s | json-server p99 ms | API on SQLite req/s | p99 ms | Ours vs json-server |");
  out("|---|---:|---:|---:|---:|---:|");
  for (const route of peerRoutes) {
    const peer = await load(`${jsonServer.url}${route.peer}`, { connections, duration });
    await fetch(`${api.sqlite?.url}${route.ours}`).then((r) => r.text());
    const ours = await load(`${api.sqlite?.url}${route.ours}`, { connections, duration });
    out(
      `| ${route.name} | ${fmt(peer.requests)} | ${peer.p99} | ${fmt(ours.requests)} | ${ours.p99} | ${ratio(ours.requests, peer.requests)} |`,
    );
  }
  await jsonServer.stop();

  out();
  out("## Start-up and memory");
  out();
  out(
    `Start-up is measured from spawning the server process on an already-seeded database until \`/readyz\` answers 200, ${startups} times in a row (target < 1.5 s): the median, and the slowest. Peak RSS is the server's VmHWM after all its hot runs (target < 150 MB).`,
  );
  out();
  out("| Server | Start to ready (median) | Slowest start | Peak RSS MB |");
  out("|---|---:|---:|---:|");
  for (const provider of providers) {
    const server = api[provider];
    if (!server) continue;
    const rss = server.peakRssMb();
    await server.stop();
    const times: number[] = [];
    for (let i = 0; i < startups; i++) {
      const restarted = await startServer(apiCommand, {
        env: { DATABASE_URL: seeded[provider] ?? "" },
        readyPath: "/readyz",
      });
      times.push(restarted.startupMs);
      await restarted.stop();
    }
    times.sort((a, b) => a - b);
    out(
      `| API on ${provider} | ${fmt(times[Math.floor(times.length / 2)] ?? 0)} ms | ${fmt(times.at(-1) ?? 0)} ms | ${fmt(rss)} |`,
    );
  }

  writeSection(new URL("../docs/benchmarks.md", import.meta.url), startMarker, endMarker, lines);
  console.log("\nwrote docs/benchmarks.md");
}

if (!only || only === "growth") {
  const growthLines: string[] = [];
  const growthOut = (line = "") => {
    growthLines.push(line);
    console.log(line);
  };
  growthOut(
    `Written by \`npm run bench\` (bench/growth.ts) on ${new Date().toISOString()}, Node.js ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}.`,
  );
  growthOut();
  await measureGrowth({
    scales: { sqlite: scales, postgresql: withPostgres ? postgresqlScales : [] },
    providers,
    readSeconds: growthDuration,
    synthesize: async (provider, scale) => {
      const url = await databaseUrl(provider, scale);
      return { url, seconds: await synthesize(url, scale) };
    },
    writeKey,
    out: growthOut,
  });
  writeSection(
    new URL("../docs/benchmarks.md", import.meta.url),
    "<!-- growth:start (written by npm run bench) -->",
    "<!-- growth:end -->",
    growthLines,
  );
}
