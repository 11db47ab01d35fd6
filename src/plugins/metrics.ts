// Prometheus metrics at GET /metrics: request durations by route and status,
// response-cache outcomes, database pool use, the knowledge base's revision,
// and the process's own (memory, CPU, event-loop lag, GC).
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { z } from "zod";
import { Problem } from "../http/problem.js";

/** A request as the metrics count it. */
export interface AnsweredRequest {
  method: string;
  /** The route template ("unmatched" when none). */
  route: string;
  statusCode: number;
  durationMs: number;
  /** The response's x-cache header, if any. */
  cacheOutcome: unknown;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Counts an answered request (the fast lane's answers have no Fastify request). */
    recordResponse(request: AnsweredRequest): void;
  }
}

export default fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });

    const duration = new Histogram({
      name: "http_request_duration_seconds",
      help: "Time to answer a request, by method, route template and status.",
      labelNames: ["method", "route", "status_code"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const cache = new Counter({
      name: "kb_response_cache_total",
      help: "Cacheable reads by outcome: hit (served from memory), miss (computed), not_modified (304).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    });
    new Gauge({
      name: "kb_response_cache_bytes",
      help: "Bytes of serialised bodies held by the response cache.",
      registers: [registry],
      collect() {
        this.set(app.responseCache.bytes());
      },
    });
    new Gauge({
      name: "kb_revision",
      help: "The knowledge base's revision this instance serves (bumped by every write).",
      registers: [registry],
      collect() {
        this.set(app.revision.current());
      },
    });
    new Gauge({
      name: "kb_db_pool_connections",
      help: "PostgreSQL pool connections by state (total, idle, waiting queries, max); absent on SQLite.",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const stats = app.db.poolStats();
        if (!stats) return;
        for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
      },
    });

    const recordResponse = (response: AnsweredRequest) => {
      const { method, route, statusCode, durationMs, cacheOutcome } = response;
      duration.observe({ method, route, status_code: statusCode }, durationMs / 1_000);
      const outcome = statusCode === 304 ? "not_modified" : cacheOutcome;
      if (outcome === "not_modified") cache.inc({ outcome });
      else if (outcome === "HIT" || outcome === "MISS") cache.inc({ outcome: outcome.toLowerCase() });
    };
    app.decorate("recordResponse", recordResponse);
    app.addHook("onResponse", (request, reply, done) => {
      recordResponse({
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        statusCode: reply.statusCode,
        durationMs: reply.elapsedTime,
        cacheOutcome: reply.getHeader("x-cache"),
      });
      done();
    });

    app.get(
      "/metrics",
      {
        config: { rateLimited: false },
        schema: {
          operationId: "getMetrics",
          summary: "Read the service's metrics (Prometheus text format)",
          tags: ["Health"],
          querystring: z.strictObject({}),
          produces: ["text/plain"],
          response: {
            200: z.string().describe("Prometheus exposition format, version 0.0.4."),
            400: Problem,
            500: Problem,
          },
        },
      },
      async (_request, reply) => {
        reply.type(registry.contentType);
        return registry.metrics();
      },
    );
  },
  { name: "metrics", dependencies: ["database", "knowledge-revision", "response-cache"] },
);
