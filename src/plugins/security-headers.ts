// Security headers on every response, as helmet defines them. The API serves
// JSON to any origin, so nothing it sends may run scripts, load resources or
// be framed; a route may widen that with `config.securityHeaders` (the cards),
// and /docs sets its own policy. Our policies never vary per request, so each
// route's headers are worked out once by helmet itself, when the route is
// added, instead of by building helmet's middleware on every request as
// @fastify/helmet does (which halved cached-read throughput: docs/benchmarks.md).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import helmet, { type HelmetOptions } from "helmet";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Helmet options for this route instead of the API's (cards: HTML documents, framable). */
    securityHeaders?: HelmetOptions;
    /** The headers those options give; set when the route is added. */
    securityHeaderValues?: Record<string, string>;
  }
}

/**
 * What OWASP's REST Security Cheat Sheet asks of an API's JSON: no framing, no
 * content sniffing, no script or resource loads, HTTPS only, no referrer. The
 * headers that only matter to HTML documents in browsers (COOP, Origin-Agent-
 * Cluster, X-XSS-Protection, X-Download-Options, X-DNS-Prefetch-Control,
 * X-Permitted-Cross-Domain-Policies) are left to the routes that serve HTML.
 */
export const apiPolicy: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  },
  // Public data, read cross-origin by design (CORS is open for reads).
  crossOriginResourcePolicy: { policy: "cross-origin" },
  xFrameOptions: { action: "deny" },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xXssProtection: false,
  xDownloadOptions: false,
  xDnsPrefetchControl: false,
  xPermittedCrossDomainPolicies: false,
};

/** The headers helmet's middleware sets for `options`, captured from one dry run. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export default fp(
  async (app: FastifyInstance) => {
    const apiHeaders = helmetHeaders(apiPolicy);
    app.addHook("onRoute", (route) => {
      const own = route.config?.securityHeaders;
      if (own)
        route.config = {
          ...route.config,
          securityHeaderValues: helmetHeaders(own),
        };
    });
    app.addHook("onRequest", (request, reply, done) => {
      reply.headers(request.routeOptions.config.securityHeaderValues ?? apiHeaders);
      done();
    });
  },
  { name: "security-headers" },
);
