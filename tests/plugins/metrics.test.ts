// GET /metrics: Prometheus text with request durations by route and status,
// cache outcomes, the revision, pool use (PostgreSQL) and process metrics.
import { expect, it } from "vitest";
import { useTestApp } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

/** The value of one sample line, e.g. `kb_revision 1`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeEachDatabase("metrics", (provider) => {
  const api = useTestApp(provider);

  it("counts requests by route template and status, and cache outcomes", async () => {
    await api.get("/v1/actors/europe").expect(200);
    const cached = await api.get("/v1/actors/europe").expect(200);
    await api.get("/v1/actors/europe").set("if-none-match", String(cached.headers.etag)).expect(304);
    await api.get("/v1/actors/nobody").expect(404);
    await api.get("/nowhere").expect(404);

    const metrics = await api
      .get("/metrics")
      .expect(200)
      .expect("content-type", /^text\/plain; version=0\.0\.4/);
    const text = metrics.text;
    const count = (route: string, status: number) =>
      sample(text, `http_request_duration_seconds_count{method="GET",route="${route}",status_code="${status}"}`);
    expect(count("/v1/actors/:id", 200)).toBe(2);
    expect(count("/v1/actors/:id", 304)).toBe(1);
    expect(count("/v1/actors/:id", 404)).toBe(1);
    expect(count("unmatched", 404)).toBe(1);
    expect(sample(text, 'kb_response_cache_total{outcome="miss"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'kb_response_cache_total{outcome="hit"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'kb_response_cache_total{outcome="not_modified"}')).toBe(1);
    expect(sample(text, "kb_response_cache_bytes")).toBeGreaterThan(0);
    expect(sample(text, "kb_revision")).toBe(1);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it(provider === "postgresql" ? "reports the connection pool" : "has no pool to report on SQLite", async () => {
    const text = (await api.get("/metrics").expect(200)).text;
    if (provider === "postgresql") {
      expect(sample(text, 'kb_db_pool_connections{state="max"}')).toBe(10);
      expect(sample(text, 'kb_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'kb_db_pool_connections{state="waiting"}')).toBe(0);
    } else {
      expect(text).not.toMatch(/^kb_db_pool_connections\{/m);
    }
  });
});
