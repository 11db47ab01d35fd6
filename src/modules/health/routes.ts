// Liveness (/healthz) and readiness (/readyz) probes for orchestrators.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Problem } from "../../http/problem.js";
import { Liveness, Readiness } from "./schemas.js";
import { checkReadiness } from "./service.js";

const tags = ["Health"];
const NoQuery = z.strictObject({});

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/healthz",
    {
      config: { rateLimited: false },
      schema: {
        operationId: "getLiveness",
        summary: "Check that the process is up",
        tags,
        querystring: NoQuery,
        response: { 200: Liveness, 400: Problem, 500: Problem },
      },
    },
    () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      config: { rateLimited: false },
      schema: {
        operationId: "getReadiness",
        summary: "Check that the database is reachable and migrated",
        tags,
        querystring: NoQuery,
        response: { 200: Readiness, 400: Problem, 500: Problem, 503: Problem },
      },
    },
    () => checkReadiness(app.db),
  );
};

export default healthRoutes;
