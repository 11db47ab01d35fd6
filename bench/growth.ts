// Growth (issue 18): reads and imports as the knowledge base grows, on
// synthetic knowledge bases of the `shared` shape (the article's actors in
// every document, so Ukraine's lists grow with the scale). Part of
// `npm run bench`; `npm run bench:growth -- --scales 1,100` runs it alone.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { apiCommand, type RunningServer, sequentialLatency, startServer } from "./processes.js";

export type Provider = "sqlite" | "postgresql";

export interface GrowthOptions {
  /** Scales per database. */
  scales: Record<Provider, number[]>;
  providers: readonly Provider[];
  /** Seconds of sequential requests per read route. */
  readSeconds: number;
  /** A fresh database of `scale` synthetic copies (`npm run synth`); seconds it took. */
  synthesize(provider: Provider, scale: number): Promise<{ url: string; seconds: number }>;
  /** A write key in that database. */
  writeKey(url: string): Promise<string>;
  out(line?: string): void;
}

/** The cursor of the last page of Ukraine's claims, 100 at a time: a deep page, as signed as any client's. */
async function deepCursor(server: RunningServer): Promise<string> {
  let cursor = "";
  for (let next: string | null = ""; next !== null; ) {
    cursor = next;
    const page = (await (
      await fetch(`${server.url}/v1/actors/ukraine/claims?limit=100${next ? `&cursor=${next}` : ""}`)
    ).json()) as { page: { nextCursor: string | null } };
    next = page.page.nextCursor;
  }
  return cursor;
}

const readRoutes = (cursor: string) => [
  { name: "Ukraine's implications, first page", path: "/v1/actors/ukraine/implications" },
  { name: "Ukraine's claims, first page", path: "/v1/actors/ukraine/claims" },
  { name: "Ukraine's events, first page", path: "/v1/actors/ukraine/events" },
  {
    name: "Ukraine's claims, the last page of 100 (keyset cursor)",
    path: `/v1/actors/ukraine/claims?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
  },
  { name: "filtered list page", path: "/v1/claims?kind=position&about=russia" },
  // The timeline (issue 21): every kind of entry sorted by period, all of it and Ukraine's.
  { name: "timeline, first page", path: "/v1/timeline" },
  { name: "Ukraine's timeline, first page", path: "/v1/timeline?actor=ukraine" },
  // Search (issue 20): a word in 14 of the article's records, one in a single record, a typo, a phrase.
  { name: "search, a common word", path: "/v1/search?q=ceasefire" },
  { name: "search, a rare word", path: "/v1/search?q=annexation" },
  { name: "search, a typo", path: "/v1/search?q=ceasfire" },
  { name: "search, a phrase", path: `/v1/search?q=${encodeURIComponent('"security guarantees"')}` },
  // Several words: one naming actors (501 share Zelensky's name at scale 1,000), and one with two keys.
  { name: "search, two words, one a name", path: "/v1/search?q=zelensky%20ceasefire" },
  { name: "search, three words, one completed", path: "/v1/search?q=security%20guarantees%20europe" },
];

const fixture = JSON.parse(readFileSync(new URL("../tests/fixtures/bundle.json", import.meta.url), "utf8"));

/** The example bundle with every id of its own suffixed: each edition is a new document with new records. */
function exampleEdition(n: number) {
  const text = JSON.stringify(fixture)
    .replaceAll('"eu-sanctions-note-2026"', `"eu-sanctions-note-2026-e${n}"`)
    .replaceAll('"eu-sanctions-package-2026"', `"eu-sanctions-package-2026-e${n}"`)
    .replaceAll('"statement-ukraine-welcomes-eu-sanctions"', `"statement-ukraine-welcomes-eu-sanctions-e${n}"`)
    .replaceAll('"statement-moscow-calls-sanctions-hostile"', `"statement-moscow-calls-sanctions-hostile-e${n}"`)
    .replaceAll('"russia-added-economic-strain"', `"russia-added-economic-strain-e${n}"`);
  return text;
}

/**
 * A bundle of 5,000 records and about 4 MiB: a 2 MB text and 150 distinct
 * passages of it (what the evidence search budget allows), cited by 1,000
 * actors, 1,000 events, 2,000 claims and 1,000 implications, each with a
 * summary or description of its own.
 */
function largeBundle() {
  const sentence = (i: number) => `Passage ${i} of the long report states its finding number ${i} plainly. `;
  const passages = Array.from({ length: 150 }, (_, i) => sentence(i).trim());
  const filler = "The report goes on at length about the talks and their many parties. ".repeat(27_000);
  const text = `${passages.join(" ")} ${filler}`;
  const cite = (i: number) => [passages[i % passages.length] ?? ""];
  const prose = (what: string, i: number) =>
    `${what} ${i}: ${"a description long enough to weigh what real ones do. ".repeat(6)}`;
  const actors = Array.from({ length: 1_000 }, (_, i) => ({
    id: `large-actor-${i}`,
    kind: "person",
    name: `Large Actor ${i}`,
    description: prose("Actor", i).slice(0, 1_900),
    evidence: cite(i),
  }));
  return JSON.stringify({
    document: { id: "large-report", kind: "analysis", title: "A large report", text },
    actors,
    events: Array.from({ length: 1_000 }, (_, i) => ({
      id: `large-event-${i}`,
      title: `Large event ${i}`,
      summary: prose("Event", i),
      date: "2026-03",
      participants: [
        { actor: `large-actor-${i}`, role: "took part" },
        { actor: "ukraine", role: "host" },
      ],
      evidence: cite(i + 1),
    })),
    claims: Array.from({ length: 2_000 }, (_, i) => ({
      id: `large-claim-${i}`,
      kind: "assessment",
      text: prose("Claim", i),
      speaker: `large-actor-${i % 1_000}`,
      about: ["ukraine", "russia"],
      evidence: cite(i + 2),
    })),
    implications: Array.from({ length: 1_000 }, (_, i) => ({
      id: `large-implication-${i}`,
      kind: "consequence",
      title: `Large implication ${i}`,
      summary: prose("Implication", i),
      actors: [{ actor: "ukraine", role: "subject" }],
      claims: [`large-claim-${i}`, `large-claim-${i + 1_000}`],
      evidence: cite(i + 3),
    })),
  });
}

async function postImport(server: RunningServer, key: string, body: string) {
  const started = performance.now();
  const response = await fetch(`${server.url}/v1/imports`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`import answered ${response.status}: ${text.slice(0, 300)}`);
  return performance.now() - started;
}

/**
 * Reading the knowledge base as the synthesis left it (revision 1), after the
 * imports: the first read builds that revision's database (retried on 503
 * until it is ready), then the same read, and the worst `/healthz` meanwhile.
 */
async function asOfRead(server: RunningServer, readSeconds: number, label: string): Promise<string> {
  const path = "/v1/actors/ukraine/claims?asOf=1";
  const [built, stall] = await withStallProbe(server, async () => {
    const started = performance.now();
    for (;;) {
      const response = await fetch(`${server.url}${path}`);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
      if (response.status !== 503) throw new Error(`asOf read: ${response.status}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });
  const past = await sequentialLatency(`${server.url}${path}`, readSeconds);
  const current = await sequentialLatency(`${server.url}/v1/actors/ukraine/claims`, readSeconds);
  return `${label} ${fmt(built / 1000, 1)} s | ${fmt(stall)} ms | ${past.p50.toFixed(2)} ms | ${current.p50.toFixed(2)} ms | ${fmt(server.peakRssMb())} MB |`;
}

/** Runs `work` while `/healthz` is asked again and again: gives its result and the slowest answer, in ms. */
async function withStallProbe<T>(server: RunningServer, work: () => Promise<T>): Promise<[T, number]> {
  let done = false;
  let worst = 0;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
      worst = Math.max(worst, performance.now() - started);
    }
  })();
  try {
    return [await work(), worst];
  } finally {
    done = true;
    await probe;
  }
}

const percentile = (samples: number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** Reads of `path` by 20 connections for `seconds`. */
async function readLoad(server: RunningServer, path: string, seconds: number) {
  const result = await autocannon({ url: `${server.url}${path}`, connections: 20, duration: seconds });
  return {
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result["4xx"] + result["5xx"],
    shed: result.statusCodeStats?.["503"]?.count ?? 0,
  };
}

/** `path`'s reads for 10 s idle, then for 10 s while a loop imports through the same server; one table row. */
async function underImports(server: RunningServer, key: string, path: string, label: string) {
  const idle = await readLoad(server, path, 10);
  let writing = true;
  let written = 0;
  const loop = (async () => {
    for (let n = 1_000; writing; n++) {
      await postImport(server, key, exampleEdition(n));
      written += 1;
    }
  })();
  const busy = await readLoad(server, path, 10);
  writing = false;
  await loop;
  return `${label} | ${fmt(idle.p99)} ms | ${fmt(busy.p99)} ms | ${fmt(busy.requests)} | ${busy.errors} | ${busy.shed} | ${written} |`;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function measureGrowth(options: GrowthOptions): Promise<void> {
  const { out } = options;
  out("## Growth: reads and imports as the knowledge base grows");
  out();
  out(
    "Scale N is `npm run synth -- --scale N` (the `shared` shape): the article's content N times over as N analyses that all speak of the article's 19 actors, plus a tail of per-document people in every other copy, so Ukraine's implications, claims, events and evidence grow linearly with N (scale 1,000: about 46,000 claims, 128,000 evidence passages). Reads: sequential requests on one keep-alive connection, response cache off (`CACHE_MAX_BYTES=0`), p50. Imports: the example bundle (`tests/fixtures/bundle.json`, each edition a new document with new records) 20 times, p50 and p95; then one bundle of 5,000 records and 4 MiB. Under writes: 10 s of a continuous import loop through one server while 20 connections read from it, against the same 10 s without imports: a cached route (Ukraine's implications) on a server with the cache on, an uncached one (a filtered list) on a server with it off.",
  );
  out();
  out(
    "Targets at scale 1,000: actor lists and a deep page (the last page of Ukraine's claims, 100 a page, from a cursor) p50 ≤ 5 ms, search ≤ 20 ms (≤ 2x at 10,000 on PostgreSQL); the example import p50 ≤ 100 ms, ≤ 2x its scale-1 figure; the large bundle ≤ 5 s, server peak RSS ≤ 200 MB; under writes 0 errors, 0 × 503, p99 ≤ 2x idle.",
  );
  for (const provider of options.providers) {
    const scales = options.scales[provider];
    if (scales.length === 0) continue;
    const reads: Record<string, number[]> = {};
    const imports: string[] = [];
    const underWrites: string[] = [];
    const pastReads: string[] = [];
    for (const scale of scales) {
      const { url, seconds } = await options.synthesize(provider, scale);
      console.log(`synthesized scale ${scale} on ${provider} in ${seconds.toFixed(1)} s`);
      const key = await options.writeKey(url);
      const uncachedServer = await startServer(apiCommand, {
        env: { DATABASE_URL: url, CACHE_MAX_BYTES: "0", REVISION_POLL_MS: "0" },
        readyPath: "/readyz",
      });
      for (const route of readRoutes(await deepCursor(uncachedServer))) {
        await fetch(`${uncachedServer.url}${route.path}`).then((r) => r.text());
        const m = await sequentialLatency(`${uncachedServer.url}${route.path}`, options.readSeconds);
        if (m.errors > 0) console.warn(`${route.name} on ${provider} @${scale}: ${m.errors} errors`);
        reads[route.name] = [...(reads[route.name] ?? []), m.p50];
      }
      const server = await startServer(apiCommand, { env: { DATABASE_URL: url }, readyPath: "/readyz" });
      const times: number[] = [];
      for (let n = 0; n < 20; n++) times.push(await postImport(server, key, exampleEdition(n)));
      const [large, stall] = await withStallProbe(server, () => postImport(server, key, largeBundle()));
      imports.push(
        `| ${provider} | ${fmt(scale)} | ${fmt(seconds, 1)} s | ${fmt(percentile(times, 0.5))} ms | ${fmt(percentile(times, 0.95))} ms | ${fmt(large / 1000, 2)} s | ${fmt(stall)} ms | ${fmt(server.peakRssMb())} MB |`,
      );
      const row = `| ${provider} | ${fmt(scale)} |`;
      underWrites.push(await underImports(server, key, "/v1/actors/ukraine/implications", `${row} cached`));
      underWrites.push(
        await underImports(uncachedServer, key, "/v1/claims?kind=position&about=russia", `${row} uncached`),
      );
      pastReads.push(await asOfRead(uncachedServer, options.readSeconds, row));
      await uncachedServer.stop();
      await server.stop();
    }
    out();
    out(`### ${provider === "sqlite" ? "SQLite" : "PostgreSQL"}`);
    out();
    out(
      `| Read | ${scales.map((s) => `p50 ms @${fmt(s)}`).join(" | ")} | Growth ${fmt(scales[0] ?? 1)}→${fmt(scales.at(-1) ?? 1)} |`,
    );
    out(`|---|${scales.map(() => "---:|").join("")}---:|`);
    for (const route of readRoutes("")) {
      const p50s = reads[route.name] ?? [];
      const growth = (p50s.at(-1) ?? 0) / (p50s[0] || 1);
      out(`| ${route.name} | ${p50s.map((p) => p.toFixed(2)).join(" | ")} | ${growth.toFixed(1)}x |`);
    }
    out();
    out(
      "| Database | Scale | Synthesis | Example import p50 | p95 | 5,000 records, 4 MiB | Its worst `/healthz` | Server peak RSS |",
    );
    out("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const line of imports) out(line);
    out();
    out(
      "| Database | Scale | Reads | Idle p99 | p99 under imports | Reads under imports | Errors | 503 | Imports in 10 s |",
    );
    out("|---|---:|---|---:|---:|---:|---:|---:|---:|");
    for (const line of underWrites) out(line);
    out();
    out(
      "As of a past revision (`asOf=1`, the synthesis, read after the imports above), response cache off: the first read's wait until its revision's database was built, the worst `/healthz` meanwhile, then that read's p50 and the same read of the current revision.",
    );
    out();
    out(
      "| Database | Scale | First read (build) | Its worst `/healthz` | Read asOf p50 | Current p50 | Server peak RSS |",
    );
    out("|---|---:|---:|---:|---:|---:|---:|");
    for (const line of pastReads) out(line);
  }
}
