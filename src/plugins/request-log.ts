// One log line per request, with its id, which is also returned to the client
// in `x-request-id` (an incoming one is honoured, so ids follow a request
// across services). Callback-style hooks: they run on every request.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

export default fp(
  async (app: FastifyInstance) => {
    const logsInfo = ["trace", "debug", "info"].includes(app.log.level);
    app.addHook("onRequest", (request, reply, done) => {
      reply.header("x-request-id", request.id);
      done();
    });
    app.addHook("onResponse", (request, reply, done) => {
      if (logsInfo) {
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
      }
      done();
    });
  },
  { name: "request-log" },
);
