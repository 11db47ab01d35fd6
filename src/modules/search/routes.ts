// The HTTP surface of full-text search.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { SearchQuery, SearchResults } from "./schemas.js";
import { search } from "./service.js";

const searchRoutes: FastifyPluginAsyncZod<{ maxRanked: number }> = async (app, options) => {
  app.get(
    "/search",
    {
      schema: {
        operationId: "searchRecords",
        summary: "Search everything",
        description:
          "Ranked full-text search across actors, events, claims, implications and sources, with highlighted snippets. When more records match than search ranks (200 by default), the most recently indexed are ranked and `matches.limited` says so.",
        tags: ["Search"],
        querystring: SearchQuery,
        response: { 200: SearchResults, ...problemResponses() },
      },
    },
    (request) => search(app.reader, { ...request.query, maxRanked: options.maxRanked }),
  );
};

export default searchRoutes;
