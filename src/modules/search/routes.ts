// The HTTP surface of full-text search.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { SearchQuery, SearchResults } from "./schemas.js";
import { search } from "./service.js";

const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/search",
    {
      schema: {
        operationId: "searchRecords",
        summary: "Search everything",
        description:
          'Ranked search across actors, events, claims, implications and sources, with highlighted snippets. Names match in their common spellings and aliases (Zelensky, Zelenskyy, Zelenskiy; Kiev, Kyiv; Türkiye, Turkey), and a name also finds the records about or by its actor, ranked below those that use the words. Words of 5 letters or more match with one typo, of 9 or more with two, ranked below exact matches. `"exact phrase"`, `-word` and `a OR b` work as in web search; records matching most of the words follow those matching all of them. Every match is ranked; `facets` counts them by type, kind and actor, and `actor` narrows them to the records about or by one actor.',
        tags: ["Search"],
        querystring: SearchQuery,
        response: { 200: SearchResults, ...problemResponses() },
      },
    },
    (request) => search(app.reader, request.query),
  );
};

export default searchRoutes;
