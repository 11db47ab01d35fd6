// HTTP caching for the public reads: a strong ETag derived from the knowledge
// base's revision and the request, 304 for a matching If-None-Match, and the
// serialised bodies of hot reads kept in an LRU bounded by bytes. Entries are
// keyed by revision and dropped when it changes, so a write is visible to the
// very next read.
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { LRUCache } from "lru-cache";

export interface ResponseCacheOptions {
  /** The byte budget of cached bodies; 0 turns the body cache off (ETags stay). */
  maxBytes: number;
}

interface CachedResponse {
  etag: string;
  contentType: string;
  body: string;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** False for routes whose answers depend on who asks (authenticated reads): never cached. */
    publicCache?: boolean;
  }
  interface FastifyRequest {
    cacheKey?: string;
    etag?: string;
  }
  interface FastifyInstance {
    responseCache: { entries(): number; bytes(): number };
  }
}

export const cacheControl = "public, no-cache";

const cacheable = (request: FastifyRequest) =>
  request.method === "GET" && request.url.startsWith("/v1/") && request.routeOptions.config.publicCache !== false;

export default fp<ResponseCacheOptions>(
  async (app: FastifyInstance, options) => {
    const cache =
      options.maxBytes > 0
        ? new LRUCache<string, CachedResponse>({
            maxSize: options.maxBytes,
            sizeCalculation: (entry) => Buffer.byteLength(entry.body) + entry.etag.length + 64,
          })
        : undefined;
    app.revision.onChange(() => cache?.clear());
    app.decorate("responseCache", { entries: () => cache?.size ?? 0, bytes: () => cache?.calculatedSize ?? 0 });

    // Callback-style hooks: they run on every request, and a hit is answered here.
    app.addHook("onRequest", (request, reply, done) => {
      if (!cacheable(request)) return done();
      const revision = app.revision.current();
      const key = `${revision}\u0000${request.url}`;
      const hit = cache?.get(key);
      const etag =
        hit?.etag ?? `"${revision}-${createHash("sha1").update(request.url).digest("base64url").slice(0, 22)}"`;
      if (ifNoneMatch(request.headers["if-none-match"], etag)) {
        reply.code(304).headers({ etag, "cache-control": cacheControl }).send();
        return;
      }
      if (hit) {
        reply
          .headers({ etag, "cache-control": cacheControl, "x-cache": "HIT", "content-type": hit.contentType })
          .send(hit.body);
        return;
      }
      request.cacheKey = key;
      request.etag = etag;
      done();
    });

    app.addHook("onSend", (request, reply, payload, done) => {
      const { cacheKey, etag } = request;
      if (!cacheKey || !etag || reply.statusCode !== 200) return done(null, payload);
      reply.header("etag", etag).header("cache-control", cacheControl).header("x-cache", "MISS");
      if (cache && typeof payload === "string") {
        cache.set(cacheKey, {
          etag,
          body: payload,
          contentType: String(reply.getHeader("content-type") ?? "application/json"),
        });
      }
      done(null, payload);
    });
  },
  { name: "response-cache", dependencies: ["knowledge-revision"] },
);

/** RFC 9110 If-None-Match: `*`, or a list of entity tags compared weakly. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
