// The HTTP surface of sources.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { GetSourceQuery, ListSourcesQuery, Source, SourceList, SourceParams } from "./schemas.js";
import { getSource, listSources } from "./service.js";

const tags = ["Sources"];

const sourceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/sources",
    {
      schema: {
        operationId: "listSources",
        summary: "List sources",
        tags,
        querystring: ListSourcesQuery,
        response: { 200: SourceList, ...problemResponses() },
      },
    },
    (request) => listSources(app.reader, request.query),
  );

  app.get(
    "/sources/:id",
    {
      schema: {
        operationId: "getSource",
        summary: "Get a source",
        description: "`include=text` adds the full text that evidence offsets index into.",
        tags,
        params: SourceParams,
        querystring: GetSourceQuery,
        response: { 200: Source, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => getSource(app.reader, request.params.id, request.query),
  );
};

export default sourceRoutes;
