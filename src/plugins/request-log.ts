// One log line per request, with its id, which is also returned to the client
// in `x-request-id` (an incoming one is honoured, so ids follow a request
// across services).
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

export default fp(
  async (app: FastifyInstance) => {
    app.addHook("onRequest", async (request, reply) => {
      reply.header("x-request-id", request.id);
    });
    app.addHook("onResponse", async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          url: request.url,
          route: request.routeOptions.url,
          statusCode: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 100) / 100,
        },
        "request completed",
      );
    });
  },
  { name: "request-log" },
);
