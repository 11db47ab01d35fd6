// One log line per request, with its id, which is also returned to the client
// in `x-request-id` (an incoming one is honoured, so ids follow a request
// across services). Callback-style hooks: they run on every request.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { redactUrl } from "../auth/credentials-in-url.js";

export const requestIdHeader = "x-request-id";

/** The request's id: the one it came with, or a new one. */
export const requestIdOf = (raw: IncomingMessage) => {
  const given = raw.headers[requestIdHeader];
  return typeof given === "string" && given !== "" ? given : randomUUID();
};

/** What the log line says of a completed request. */
export interface CompletedRequest {
  reqId: string;
  method: string | undefined;
  url: string | undefined;
  route: string | undefined;
  statusCode: number;
  durationMs: number;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Writes a completed request's log line (the fast lane's answers have no Fastify request). */
    logCompleted(request: CompletedRequest): void;
  }
}

export default fp(
  async (app: FastifyInstance) => {
    const logsInfo = ["trace", "debug", "info"].includes(app.log.level);
    const logCompleted = ({ durationMs, url, ...request }: CompletedRequest) => {
      if (!logsInfo) return;
      const logged = { ...request, url: url && redactUrl(url), durationMs: Math.round(durationMs * 100) / 100 };
      app.log.info(logged, "request completed");
    };
    app.decorate("logCompleted", logCompleted);
    app.addHook("onRequest", (request, reply, done) => {
      reply.header(requestIdHeader, request.id);
      done();
    });
    app.addHook("onResponse", (request, reply, done) => {
      logCompleted({
        reqId: request.id,
        method: request.method,
        url: request.url,
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
        durationMs: reply.elapsedTime,
      });
      done();
    });
  },
  { name: "request-log" },
);
