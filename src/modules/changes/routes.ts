// GET /v1/changes: the change feed.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { ChangeList, ChangesQuery } from "./schemas.js";
import { listChanges } from "./service.js";

const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/changes",
    {
      schema: {
        operationId: "listChanges",
        summary: "List changes since a revision",
        description:
          "Every record created, updated or deleted after revision `since`, oldest first, paginated. To mirror the knowledge base: read everything once (or replay from `since=0`), keep the `revision` this returns, and ask again with `since` set to it; apply each change by reading `GET /v1/{type}/{id}`, or dropping the record when `deleted`.",
        tags: ["Changes"],
        querystring: ChangesQuery,
        response: { 200: ChangeList, ...problemResponses() },
      },
    },
    async (request) => {
      const revision = request.asOf ?? app.revision.current();
      return { revision, ...(await listChanges(app.reader, request.query)) };
    },
  );
};

export default changeRoutes;
