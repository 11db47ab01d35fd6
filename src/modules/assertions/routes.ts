// The HTTP surface of what one document states: `GET /v1/sources/{id}/assertions`.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { SourceAssertionList, SourceAssertionsParams, SourceAssertionsQuery } from "./schemas.js";
import { listSourceAssertions } from "./service.js";

const assertionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/sources/:id/assertions",
    {
      schema: {
        operationId: "listSourceAssertions",
        summary: "List what a document states",
        description:
          "Every record the document states, as it states it (its fields and links, in the content bundle's shape), by record type and id. Statements it has taken back are not listed.",
        tags: ["Sources"],
        params: SourceAssertionsParams,
        querystring: SourceAssertionsQuery,
        response: { 200: SourceAssertionList, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => listSourceAssertions(app.reader, request.params.id, request.query),
  );
};

export default assertionRoutes;
