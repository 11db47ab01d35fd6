// Rate limits: one per client address on every request (cache hits included,
// so this hook runs before the response cache), and one per API key on the
// operations that need a key, counted only once the key is verified so a
// forged bearer token cannot spend another client's allowance. With a Redis
// URL the counters are shared by every instance; if Redis fails, requests are
// served (fail open) and the failure is logged.
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Redis } from "ioredis";
import { TooManyRequestsError } from "../http/problem.js";

export interface RateLimitOptions {
  /** Requests per window per client address; 0: no address limit. */
  perAddress: number;
  /** Requests per window per API key on authenticated operations; 0: no key limit. */
  perKey: number;
  windowMs: number;
  /** Share the counters through Redis (every instance sees the same counts). */
  redisUrl?: string;
  /** Prefix of the counters' Redis keys (instances sharing counters share it). */
  redisPrefix?: string;
}

/** A request counted against an allowance: the headers that say where it stands. */
export interface RateLimitCount {
  headers: { "ratelimit-limit": number; "ratelimit-remaining": number; "ratelimit-reset": number };
  exceeded: boolean;
  resetSeconds: number;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Counts a request against its verified API key's allowance; throws 429 past it. */
    limitApiKey(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** Counts a request from `ip` against the per-address allowance (undefined: not limited). */
    countAddress(ip: string): Promise<RateLimitCount | undefined>;
  }
  interface FastifyContextConfig {
    /** False for the probes, which load balancers call at their own pace. */
    rateLimited?: boolean;
  }
}

type Limiter = ReturnType<FastifyInstance["createRateLimit"]>;

export default fp<RateLimitOptions>(
  async (app: FastifyInstance, options) => {
    const redis = options.redisUrl ? await connectRedis(app, options.redisUrl) : undefined;
    await app.register(rateLimit, {
      global: false,
      timeWindow: options.windowMs,
      redis,
      nameSpace: options.redisPrefix ?? "kb-rate-limit:",
      skipOnError: true,
    });
    if (redis) app.addHook("onClose", async () => void (await redis.quit().catch(() => redis.disconnect())));

    const count = async (limiter: Limiter, request: FastifyRequest): Promise<RateLimitCount | undefined> => {
      const result = await limiter(request);
      if (result.isAllowed) return undefined;
      const resetSeconds = Math.max(1, result.ttlInSeconds);
      return {
        headers: {
          "ratelimit-limit": result.max,
          "ratelimit-remaining": result.remaining,
          "ratelimit-reset": resetSeconds,
        },
        exceeded: result.isExceeded,
        resetSeconds,
      };
    };
    const enforce = async (limiter: Limiter, request: FastifyRequest, reply: FastifyReply) => {
      const counted = await count(limiter, request);
      if (!counted) return;
      reply.headers(counted.headers);
      if (counted.exceeded) {
        reply.header("retry-after", counted.resetSeconds);
        throw new TooManyRequestsError(counted.resetSeconds);
      }
    };

    // The library's own key: the address (IPv6 by its /64), computed without
    // an await; API keys are counted under "key:…", which no address matches.
    const perAddress = options.perAddress > 0 ? app.createRateLimit({ max: options.perAddress }) : undefined;
    if (perAddress) {
      // A callback hook: it runs on every request, cache hits included.
      app.addHook("onRequest", (request, reply, done) => {
        if (request.routeOptions.config.rateLimited === false) return done();
        enforce(perAddress, request, reply).then(() => done(), done);
      });
    }
    // The fast lane has no Fastify request: the default key generator reads only the address.
    app.decorate("countAddress", async (ip: string) =>
      perAddress ? count(perAddress, { ip, routeOptions: { config: {} } } as FastifyRequest) : undefined,
    );

    const perKey =
      options.perKey > 0
        ? app.createRateLimit({ max: options.perKey, keyGenerator: (request) => `key:${request.apiKey?.id}` })
        : undefined;
    app.decorate("limitApiKey", async (request: FastifyRequest, reply: FastifyReply) => {
      if (perKey && request.apiKey) await enforce(perKey, request, reply);
    });
  },
  { name: "rate-limit" },
);

/** Fails fast while Redis is unreachable instead of queueing commands, so a request never waits on it. */
async function connectRedis(app: FastifyInstance, url: string): Promise<Redis> {
  // Loaded only when configured: a single instance needs no Redis client.
  const { Redis: RedisClient } = await import("ioredis");
  const redis = new RedisClient(url, {
    connectTimeout: 1_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: true,
  });
  let reported = false;
  redis.on("error", (err) => {
    if (!reported) app.log.warn({ err }, "Redis unavailable: rate limits are not enforced until it returns");
    reported = true;
  });
  redis.on("ready", () => {
    reported = false;
  });
  // A first connection failure is reported by the error listener; ioredis keeps retrying.
  await redis.connect().catch(() => undefined);
  return redis;
}
