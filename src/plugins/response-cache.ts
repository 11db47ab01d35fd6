// HTTP caching for the public reads: a strong ETag derived from the knowledge
// base's revision and the request, 304 for a matching If-None-Match, and the
// serialised bodies of hot reads kept in an LRU bounded by bytes. Entries are
// keyed by revision (the one asOf asks for, or the current one) and dropped
// when the current one changes, so a write is visible to the very next read.
// Identical misses arriving together (the burst after a write) wait for the
// first one's answer instead of each querying the database.
// Each entry is a whole stored response, headers included, so the fast lane
// (fast-lane.ts) can answer a hit without Fastify's request pipeline.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { LRUCache } from "lru-cache";
import { wantsJsonLd } from "../http/representation.js";

export interface ResponseCacheOptions {
  /** The byte budget of cached bodies; 0 turns the body cache off (ETags stay). */
  maxBytes: number;
}

export interface CachedResponse {
  etag: string;
  contentType: string;
  body: Buffer;
  /** What the fast lane needs to answer a hit as the whole pipeline would. */
  replay: {
    /** The response's headers, less those set per request (`perRequestHeaders`). */
    headers: OutgoingHttpHeaders;
    /** The Origin it was computed for: CORS headers depend on it. */
    origin: string | undefined;
    /** The route template, for the log line and metrics. */
    route: string;
    rateLimited: boolean;
  };
}

/** Headers every response computes afresh; a stored response holds the rest. */
const perRequestHeaders = new Set([
  "x-request-id",
  "x-cache",
  "content-length",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
]);

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * False for routes whose answers depend on who asks (authenticated reads): never cached;
     * true for public reads outside the cached paths (the site's pages).
     */
    publicCache?: boolean;
  }
  interface FastifyRequest {
    cacheKey?: string;
    etag?: string;
    /** Set on the request that computes a miss others are waiting for. */
    settleFlight?: (entry: CachedResponse | undefined) => void;
  }
  interface FastifyInstance {
    responseCache: {
      entries(): number;
      bytes(): number;
      /** The stored answer to a GET of the API's plain JSON, at the current revision. */
      storedJson(url: string, headers: IncomingHttpHeaders): CachedResponse | undefined;
    };
  }
}

export const cacheControl = "public, no-cache";
/** A past revision's answer (asOf) never changes. */
export const immutableCacheControl = "public, max-age=31536000, immutable";
const cacheControlOf = (request: FastifyRequest) => (request.asOf === undefined ? cacheControl : immutableCacheControl);

/** The public reads: the data under /v1, the cards and oEmbed built from it, and the routes that say so. */
const cacheablePaths = ["/v1/", "/embed/", "/oembed"];
const cacheable = (request: FastifyRequest) =>
  request.method === "GET" &&
  (request.routeOptions.config.publicCache === true ||
    (cacheablePaths.some((prefix) => request.url.startsWith(prefix)) &&
      request.routeOptions.config.publicCache !== false));

/**
 * The API's JSON is the same for every client, so it is cached by URL alone;
 * any Accept but JSON-LD's gets it (the representation is the only thing the
 * header chooses), so Accept values cannot multiply the entries either.
 */
const isPlainJson = (url: string, accept: string | undefined) => url.startsWith("/v1/") && !wantsJsonLd(accept);

export default fp<ResponseCacheOptions>(
  async (app: FastifyInstance, options) => {
    const cache =
      options.maxBytes > 0
        ? new LRUCache<string, CachedResponse>({
            maxSize: options.maxBytes,
            sizeCalculation: (entry) => entry.body.length + JSON.stringify(entry.replay).length + 64,
          })
        : undefined;
    app.revision.onChange(() => cache?.clear());
    const inFlight = new Map<string, Promise<CachedResponse | undefined>>();
    app.decorate("responseCache", {
      entries: () => cache?.size ?? 0,
      bytes: () => cache?.calculatedSize ?? 0,
      storedJson: (url: string, headers: IncomingHttpHeaders) =>
        isPlainJson(url, headers.accept) ? cache?.get(`${app.revision.current()}\u0000${url}`) : undefined,
    });

    // Callback-style hooks: they run on every request, and a hit is answered here.
    app.addHook("onRequest", (request, reply, done) => {
      if (!cacheable(request)) return done();
      const revision = request.asOf ?? app.revision.current();
      // Other representations than the API's JSON (cards, oEmbed, JSON-LD) write
      // absolute URLs, so they are cached per base URL (fixed, unless a trusted
      // proxy forwards several hosts) and per representation.
      const accept = request.headers.accept;
      const variant = isPlainJson(request.url, accept)
        ? request.url
        : `${app.baseUrlOf(request)}${request.url}\u0000${wantsJsonLd(accept) ? "ld" : ""}`;
      const key = `${revision}\u0000${variant}`;
      const hit = cache?.get(key);
      const etag = hit?.etag ?? `"${revision}-${createHash("sha1").update(variant).digest("base64url").slice(0, 22)}"`;
      if (ifNoneMatch(request.headers["if-none-match"], etag)) {
        reply
          .code(304)
          .headers({ etag, "cache-control": cacheControlOf(request) })
          .send();
        return;
      }
      if (hit) return void sendCached(reply, hit, cacheControlOf(request));
      const pending = inFlight.get(key);
      if (pending) {
        // Served by the same answer; if it was not a 200, this request runs on its own.
        pending.then((entry) => (entry ? sendCached(reply, entry, cacheControlOf(request)) : done()));
        return;
      }
      inFlight.set(
        key,
        new Promise((resolve) => {
          request.settleFlight = (entry) => {
            inFlight.delete(key);
            request.settleFlight = undefined;
            resolve(entry);
          };
        }),
      );
      request.cacheKey = key;
      request.etag = etag;
      done();
    });

    // Whatever happened to the computing request (an error, a closed socket), its waiters are released.
    app.addHook("onResponse", (request, _reply, done) => {
      request.settleFlight?.(undefined);
      done();
    });

    // Added after every plugin that sets headers on sending (linked-data), so the stored headers are final.
    app.addHook("onSend", (request, reply, payload, done) => {
      const { cacheKey, etag } = request;
      if (!cacheKey || !etag || reply.statusCode !== 200) return done(null, payload);
      reply.header("etag", etag).header("cache-control", cacheControlOf(request)).header("x-cache", "MISS");
      if (typeof payload === "string") {
        const headers = Object.fromEntries(
          Object.entries(reply.getHeaders()).filter(([name]) => !perRequestHeaders.has(name)),
        );
        const entry: CachedResponse = {
          etag,
          body: Buffer.from(payload),
          contentType: String(reply.getHeader("content-type") ?? "application/json"),
          replay: {
            headers,
            origin: request.headers.origin,
            route: request.routeOptions.url ?? request.url,
            rateLimited: request.routeOptions.config.rateLimited !== false,
          },
        };
        cache?.set(cacheKey, entry);
        request.settleFlight?.(entry);
      }
      done(null, payload);
    });
  },
  { name: "response-cache", dependencies: ["knowledge-revision", "public-url", "as-of"] },
);

function sendCached(reply: FastifyReply, entry: CachedResponse, control: string) {
  reply
    .headers({ etag: entry.etag, "cache-control": control, "x-cache": "HIT", "content-type": entry.contentType })
    .send(entry.body);
}

/** RFC 9110 If-None-Match: `*`, or a list of entity tags compared weakly. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
