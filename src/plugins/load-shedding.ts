// Load shedding (@fastify/under-pressure): when the event loop is saturated,
// new requests get a quick 503 with Retry-After instead of queueing behind
// the backlog. Liveness stays answered, so an orchestrator does not restart a
// process that is merely busy.
import underPressure from "@fastify/under-pressure";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { ServiceUnavailableError } from "../http/problem.js";

export interface LoadSheddingOptions {
  /** Mean event-loop delay, in ms, past which requests are refused; 0 turns shedding off. */
  maxEventLoopDelayMs: number;
}

export default fp<LoadSheddingOptions>(
  async (app: FastifyInstance, options) => {
    if (options.maxEventLoopDelayMs <= 0) return;
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      sampleInterval: Math.min(1_000, Math.max(10, Math.floor(options.maxEventLoopDelayMs / 2))),
      pressureHandler: (request, _reply, type, value) => {
        if (request.routeOptions.url === "/healthz") return undefined;
        return Promise.reject(
          new ServiceUnavailableError(
            `The server is overloaded (${type}: ${Math.round(Number(value))}); retry shortly.`,
          ),
        );
      },
    });
  },
  { name: "load-shedding" },
);
