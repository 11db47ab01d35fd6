// buildApp: the whole API as a Fastify instance, without listening, so tests
// and the server build it the same way.

import cors from "@fastify/cors";
import Fastify, { type FastifyServerOptions, LogController } from "fastify";
import { validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { defaultAppOptions } from "./config.js";
import { clientErrorHandler } from "./http/client-errors.js";
import actorRoutes from "./modules/actors/routes.js";
import apiIndexRoutes from "./modules/api-index/routes.js";
import assertionRoutes from "./modules/assertions/routes.js";
import changeRoutes from "./modules/changes/routes.js";
import claimRoutes from "./modules/claims/routes.js";
import draftRoutes from "./modules/drafts/routes.js";
import linkedData from "./modules/embed/linked-data.js";
import embedRoutes from "./modules/embed/routes.js";
import eventRoutes from "./modules/events/routes.js";
import exportRoutes from "./modules/exports/routes.js";
import healthRoutes from "./modules/health/routes.js";
import implicationRoutes from "./modules/implications/routes.js";
import importRoutes from "./modules/imports/routes.js";
import issueRoutes from "./modules/issues/routes.js";
import { notFound } from "./modules/pages/not-found.js";
import pageRoutes from "./modules/pages/routes.js";
import positionRoutes from "./modules/positions/routes.js";
import readerRoutes from "./modules/reader/routes.js";
import relationRoutes from "./modules/relations/routes.js";
import resolutionRoutes from "./modules/resolutions/routes.js";
import scorecardRoutes from "./modules/scorecards/routes.js";
import searchRoutes from "./modules/search/routes.js";
import sourceRoutes from "./modules/sources/routes.js";
import timelineRoutes from "./modules/timeline/routes.js";
import asOf from "./plugins/as-of.js";
import auth from "./plugins/auth.js";
import database from "./plugins/database.js";
import fastLane from "./plugins/fast-lane.js";
import knowledgeRevision from "./plugins/knowledge-revision.js";
import knowledgeWrites from "./plugins/knowledge-writes.js";
import loadShedding from "./plugins/load-shedding.js";
import metrics from "./plugins/metrics.js";
import openapi from "./plugins/openapi.js";
import problemDetails, { sendProblem } from "./plugins/problem-details.js";
import publicUrl from "./plugins/public-url.js";
import rateLimit, { type RateLimitOptions } from "./plugins/rate-limit.js";
import readRouting from "./plugins/read-routing.js";
import requestLog, { requestIdOf } from "./plugins/request-log.js";
import responseCache from "./plugins/response-cache.js";
import securityHeaders from "./plugins/security-headers.js";
import { serializerCompiler } from "./plugins/serialization.js";
import signedCursors from "./plugins/signed-cursors.js";

export interface AppOptions {
  databaseUrl: string;
  poolSize?: number;
  /** A PostgreSQL read replica for reads (used while it has caught up with the primary). */
  replicaUrl?: string | undefined;
  /** PostgreSQL statement timeout, in ms (0: none). */
  statementTimeoutMs?: number;
  /** PostgreSQL: how long a write waits for other writers before a 503, in ms. */
  lockWaitMs?: number;
  /** Origins allowed to read cross-origin ("*": any). */
  corsOrigins?: "*" | string[];
  /** Byte budget of the response cache (0: no body cache). */
  cacheMaxBytes?: number;
  /** How often to look for writes by other processes, in ms (0: never). */
  revisionPollMs?: number;
  /** How many past revisions' databases asOf reads keep ready. */
  pastRevisionsKept?: number;
  /** The largest import body accepted, in bytes. */
  importMaxBytes?: number;
  /** Per-address and per-key limits (false: none, for tests that fire thousands of requests). */
  rateLimit?: RateLimitOptions | false;
  /** Time allowed to receive a whole request, in ms (0: no limit). */
  requestTimeoutMs?: number;
  /** Event-loop delay past which requests are shed with 503 (0: never). */
  maxEventLoopDelayMs?: number;
  /** Whether to read the client's address from X-Forwarded-For: from any proxy, or from these addresses/CIDRs. */
  trustProxy?: boolean | string[];
  /** Where clients reach the service: the base of absolute URLs (cards, oEmbed, JSON-LD). */
  publicUrl?: string | undefined;
  /** The key cursors are signed with (default: derived from the database URL, shared by its instances). */
  cursorSecret?: string | undefined;
  logger?: FastifyServerOptions["logger"];
}

/**
 * The app built from `overrides` over the configuration's defaults: the
 * configuration schema (config.ts) is the one place a default is written.
 */
export async function buildApp(overrides: AppOptions) {
  // An option given as undefined is not given.
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const options: ReturnType<typeof defaultAppOptions> & AppOptions = { ...defaultAppOptions(), ...given };
  const app = Fastify({
    logger: options.logger ?? false,
    // request-log writes the one line per request.
    logController: new LogController({ disableRequestLogging: true }),
    // One function gives every request its id, in Fastify and in the fast lane.
    requestIdHeader: false,
    genReqId: requestIdOf,
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: options.trustProxy,
    // Slow senders (slowloris) are cut off; Node checks every second, not every 30.
    requestTimeout: options.requestTimeoutMs,
    http: { connectionsCheckingInterval: 1_000 },
    clientErrorHandler,
    // The problems themselves go to the client (problem-details.ts, bounded there); Fastify's
    // default message would join every one of them into one string first.
    schemaErrorFormatter: (errors, dataVar) =>
      new Error(`${errors.length} invalid value${errors.length === 1 ? "" : "s"} in the ${dataVar}`),
    // Errors raised before routing (a malformed URL) are problems like any other.
    frameworkErrors: (error, request, reply) =>
      sendProblem(reply, request, { title: "Bad Request", status: 400, detail: error.message }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(requestLog);
  await app.register(problemDetails);
  await app.register(loadShedding, { maxEventLoopDelayMs: options.maxEventLoopDelayMs });
  await app.register(securityHeaders);
  await app.register(cors, {
    origin: options.corsOrigins,
    methods: ["GET", "HEAD", "OPTIONS"],
    exposedHeaders: ["x-request-id", "etag", "kb-revision"],
  });
  await app.register(openapi);
  await app.register(database, {
    databaseUrl: options.databaseUrl,
    poolSize: options.poolSize,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  await app.register(knowledgeRevision, { pollMs: options.revisionPollMs });
  await app.register(readRouting, {
    replicaUrl: options.replicaUrl,
    poolSize: options.poolSize,
    statementTimeoutMs: options.statementTimeoutMs,
    checkMs: Math.max(100, Math.min(options.revisionPollMs, 1_000)),
  });
  await app.register(knowledgeWrites, { lockWaitMs: options.lockWaitMs });
  await app.register(
    rateLimit,
    options.rateLimit === false ? { perAddress: 0, perKey: 0, windowMs: 60_000 } : options.rateLimit,
  );
  await app.register(publicUrl, { publicUrl: options.publicUrl, trustProxy: options.trustProxy });
  await app.register(signedCursors, { secret: options.cursorSecret ?? options.databaseUrl });
  await app.register(linkedData);
  await app.register(asOf, { databaseUrl: options.databaseUrl, keep: options.pastRevisionsKept });
  await app.register(responseCache, { maxBytes: options.cacheMaxBytes });
  await app.register(auth);
  await app.register(metrics);
  await app.register(fastLane, { trustProxy: options.trustProxy });

  app.setNotFoundHandler(notFound);
  await app.register(healthRoutes);
  await app.register(embedRoutes);
  await app.register(readerRoutes);
  await app.register(pageRoutes);
  await app.register(
    async (v1) => {
      await v1.register(apiIndexRoutes);
      await v1.register(actorRoutes);
      await v1.register(eventRoutes);
      await v1.register(timelineRoutes);
      await v1.register(claimRoutes);
      await v1.register(implicationRoutes);
      await v1.register(issueRoutes);
      await v1.register(positionRoutes);
      await v1.register(resolutionRoutes);
      await v1.register(scorecardRoutes);
      await v1.register(sourceRoutes);
      await v1.register(relationRoutes);
      await v1.register(assertionRoutes);
      await v1.register(searchRoutes);
      await v1.register(exportRoutes, { maxConcurrent: Math.max(1, Math.floor(options.poolSize / 4)) });
      await v1.register(changeRoutes);
      await v1.register(importRoutes, {
        maxBodyBytes: options.importMaxBytes,
        queueWaitMs: options.lockWaitMs,
      });
      await v1.register(draftRoutes, { queueWaitMs: options.lockWaitMs });
    },
    { prefix: "/v1" },
  );
  return app;
}
