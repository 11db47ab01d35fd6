// The fast lane: a GET of the API's JSON whose answer is in the response cache
// is answered by the HTTP server's own request handler, before Fastify builds
// a request, routes it and runs every plugin's hooks (docs/benchmarks.md
// measures what that saves).
//
// The answer is the one the pipeline would give: the headers stored with the
// response when it was computed (security, CORS, caching, content type), a
// request id, and the per-address rate-limit count; the request is logged and
// counted in the metrics the same way. Whatever the pipeline might answer
// differently goes through it: methods other than GET, conditional requests
// (304), another Origin than the stored response's (CORS headers depend on
// it), a saturated event loop (load shedding), a client over its rate limit,
// and every request once the app is closing (Fastify answers 503 with
// `Connection: close`, so keep-alive clients let go instead of holding the
// process until the close timeout).
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import proxyAddr from "@fastify/proxy-addr";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { RateLimitCount } from "./rate-limit.js";
import { requestIdHeader, requestIdOf } from "./request-log.js";
import type { CachedResponse } from "./response-cache.js";

export interface FastLaneOptions {
  /** As given to Fastify: the client's address is read the same way. */
  trustProxy: boolean | string[];
}

export default fp<FastLaneOptions>(
  async (app: FastifyInstance, options) => {
    const clientAddress = addressReader(options.trustProxy);
    const underPressure = app.hasDecorator("isUnderPressure") ? () => app.isUnderPressure() : () => false;
    let closing = false;
    app.addHook("preClose", (done) => {
      closing = true;
      done();
    });

    // Fastify's handler is the server's only request listener (it created the server with it).
    const [fastify, ...others] = app.server.listeners("request") as RequestListener[];
    if (!fastify || others.length > 0) throw new Error("fast-lane: expected Fastify's request listener alone");
    const pipeline: RequestListener = fastify;

    // `started`: when the request arrived, so its duration includes the rate-limit count.
    type Answer = (
      raw: IncomingMessage,
      response: ServerResponse,
      stored: CachedResponse,
      started: number,
      counted?: RateLimitCount,
    ) => void;
    const send: Answer = (raw, response, stored, started, counted) => {
      const reqId = requestIdOf(raw);
      response.writeHead(200, {
        [requestIdHeader]: reqId,
        ...stored.replay.headers,
        ...counted?.headers,
        "x-cache": "HIT",
        "content-length": stored.body.length,
      });
      response.end(stored.body);
      const durationMs = performance.now() - started;
      const { route } = stored.replay;
      app.logCompleted({ reqId, method: raw.method, url: raw.url, route, statusCode: 200, durationMs });
      app.recordResponse({ method: "GET", route, statusCode: 200, durationMs, cacheOutcome: "HIT" });
    };
    // Before anything was sent the pipeline answers (and reports) a failure; after, only the log can.
    const answer: Answer = (raw, response, stored, started, counted) => {
      // The pipeline answers 429; counting an address already past its limit again changes nothing.
      if (counted?.exceeded) return pipeline(raw, response);
      try {
        send(raw, response, stored, started, counted);
      } catch (err) {
        if (response.headersSent) app.log.error({ err }, "fast lane: after answering");
        else pipeline(raw, response);
      }
    };

    app.server.removeListener("request", pipeline);
    app.server.on("request", (raw: IncomingMessage, response: ServerResponse) => {
      const stored =
        raw.method === "GET" && raw.headers["if-none-match"] === undefined && !closing && !underPressure()
          ? app.responseCache.storedJson(raw.url ?? "", raw.headers)
          : undefined;
      if (!stored || stored.replay.origin !== raw.headers.origin) return pipeline(raw, response);
      const started = performance.now();
      if (!stored.replay.rateLimited) return answer(raw, response, stored, started);
      const address = clientAddress(raw);
      // A socket already closed has no address: the pipeline deals with it.
      if (address === undefined) return pipeline(raw, response);
      // With the in-memory counters this runs at once, and the answer is written in this tick.
      app.countAddress(address, (counted) => answer(raw, response, stored, started, counted));
    });
  },
  { name: "fast-lane", dependencies: ["request-log", "rate-limit", "response-cache", "metrics"] },
);

/** The client's address as Fastify's `request.ip` reads it. */
function addressReader(trustProxy: boolean | string[]): (raw: IncomingMessage) => string | undefined {
  if (trustProxy === false) return (raw) => raw.socket.remoteAddress;
  const trust = trustProxy === true ? () => true : proxyAddr.compile(trustProxy);
  return (raw) => proxyAddr(raw, trust);
}
