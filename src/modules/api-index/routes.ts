// GET /v1: where a client starts: what the API is, and a link to each of its
// collections, its documentation and its OpenAPI document.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Problem } from "../../http/problem.js";
import { apiInfo } from "../../plugins/openapi.js";

const links = {
  actors: "/v1/actors",
  events: "/v1/events",
  claims: "/v1/claims",
  implications: "/v1/implications",
  sources: "/v1/sources",
  search: "/v1/search",
  changes: "/v1/changes",
  export: "/v1/export",
  docs: "/docs",
  openapi: "/openapi.json",
  site: "/",
};

const index = { title: apiInfo.title, version: apiInfo.version, description: apiInfo.description, links };

/** Every value is fixed, so each is a constant of the schema: a client generator sees exactly what comes. */
const ApiIndex = z
  .object({
    title: z.literal(index.title),
    version: z.literal(index.version),
    description: z.literal(index.description),
    links: z
      .object(
        Object.fromEntries(Object.entries(links).map(([name, path]) => [name, z.literal(path)])) as {
          [name in keyof typeof links]: z.ZodLiteral<string>;
        },
      )
      .describe(
        "Paths on this server: each collection, the interactive documentation, the OpenAPI document, and the site for people.",
      ),
  })
  .meta({
    id: "ApiIndex",
    description: "What the API is, and where its parts are.",
    examples: [index],
  });

const apiIndexRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        operationId: "getApiIndex",
        summary: "Start here: the API's collections and documents",
        tags: ["Index"],
        querystring: z.strictObject({}),
        response: { 200: ApiIndex, 400: Problem, 429: Problem, 500: Problem },
      },
    },
    () => index,
  );
};

export default apiIndexRoutes;
