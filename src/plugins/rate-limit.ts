// Rate limits: one per client address on every request (cache hits included,
// so this hook runs before the response cache and the fast lane counts too),
// and one per API key on the operations that need a key, counted only once the
// key is verified so a forged bearer token cannot spend another client's
// allowance. With a Redis URL the counters are shared by every instance; if
// Redis fails, requests are served (fail open) and the failure is logged.
//
// The counters are @fastify/rate-limit's own stores (a fixed window in memory,
// or a Lua script in Redis), called directly rather than through the plugin's
// limiters: the in-memory store answers through its callback at once, so a
// request is counted without a promise, and the fast lane answers a cache hit
// in the tick it arrived (docs/benchmarks.md measures what that saves).
import { isIPv6 } from "node:net";
import type { FastifyRateLimitStore } from "@fastify/rate-limit";
import LocalStore from "@fastify/rate-limit/store/LocalStore.js";
import RedisStore from "@fastify/rate-limit/store/RedisStore.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Redis } from "ioredis";
import { Address6 } from "ip-address";
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

/** Called once a request is counted: with no count when it is not limited or the store failed. */
export type Counted = (count: RateLimitCount | undefined) => void;

declare module "fastify" {
  interface FastifyInstance {
    /** Counts a request against its verified API key's allowance; throws 429 past it. */
    limitApiKey(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** Counts a request from `ip` against the per-address allowance; in memory, `counted` runs at once. */
    countAddress(ip: string, counted: Counted): void;
  }
  interface FastifyContextConfig {
    /** False for the probes, which load balancers call at their own pace. */
    rateLimited?: boolean;
  }
}

/** Addresses the in-memory store remembers (the least recently seen are forgotten first). */
const localAddresses = 10_000;

export default fp<RateLimitOptions>(
  async (app: FastifyInstance, options) => {
    const redis = options.redisUrl ? await connectRedis(app, options.redisUrl) : undefined;
    if (redis) app.addHook("onClose", async () => void (await redis.quit().catch(() => redis.disconnect())));
    const store: FastifyRateLimitStore = redis
      ? new RedisStore(false, false, redis, options.redisPrefix ?? "kb-rate-limit:")
      : new LocalStore(false, false, localAddresses);

    const count = (key: string, max: number, counted: Counted) => {
      if (max <= 0) return counted(undefined);
      store.incr(
        key,
        (err, result) => {
          // Fail open: a request is never refused or delayed because the counters are unreachable.
          if (err || !result) return counted(undefined);
          const resetSeconds = Math.max(1, Math.ceil(result.ttl / 1_000));
          counted({
            headers: {
              "ratelimit-limit": max,
              "ratelimit-remaining": Math.max(0, max - result.current),
              "ratelimit-reset": resetSeconds,
            },
            exceeded: result.current > max,
            resetSeconds,
          });
        },
        options.windowMs,
        max,
      );
    };
    /** Sets the count's headers; past the allowance, the 429 to answer with. */
    const enforce = (reply: FastifyReply, counted: RateLimitCount | undefined) => {
      if (!counted) return undefined;
      reply.headers(counted.headers);
      if (!counted.exceeded) return undefined;
      reply.header("retry-after", counted.resetSeconds);
      return new TooManyRequestsError(counted.resetSeconds);
    };

    const countAddress = (ip: string, counted: Counted) => count(addressKey(ip), options.perAddress, counted);
    app.decorate("countAddress", countAddress);
    if (options.perAddress > 0) {
      // A callback hook: it runs on every request, cache hits included.
      app.addHook("onRequest", (request, reply, done) => {
        if (request.routeOptions.config.rateLimited === false) return done();
        countAddress(request.ip, (counted) => done(enforce(reply, counted)));
      });
    }
    // API keys are counted under "key:…", which no address matches.
    app.decorate(
      "limitApiKey",
      (request: FastifyRequest, reply: FastifyReply) =>
        new Promise<void>((resolve, reject) => {
          if (!request.apiKey) return resolve();
          count(`key:${request.apiKey.id}`, options.perKey, (counted) => {
            const refused = enforce(reply, counted);
            refused ? reject(refused) : resolve();
          });
        }),
    );
  },
  { name: "rate-limit" },
);

/**
 * The key an address is counted under: an IPv4 address itself; an IPv6 one by
 * its /64, the block one host is usually given (so a client cannot step round
 * its limit by changing the address's last half), or as the IPv4 address it maps.
 */
export function addressKey(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const address = new Address6(ip);
  if (address.isMapped4()) return address.to4().correctForm();
  return new Address6(`${ip}/64`).startAddress().correctForm();
}

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
