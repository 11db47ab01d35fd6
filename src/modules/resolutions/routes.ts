// The HTTP surface of resolutions: what later sources say became of implications.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { GetResolutionQuery, ListResolutionsQuery, Resolution, ResolutionList, ResolutionParams } from "./schemas.js";
import { getResolution, listResolutions } from "./service.js";

const tags = ["Implications"];

const resolutionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/resolutions",
    {
      schema: {
        operationId: "listResolutions",
        summary: "List resolutions",
        description:
          "What later sources say became of implications (occurred, or did not), in date order (by the end of the period each date names, then by id), filtered by implication, outcome and date.",
        tags,
        querystring: ListResolutionsQuery,
        response: { 200: ResolutionList, ...problemResponses() },
      },
    },
    (request) => listResolutions(app.reader, request.query),
  );

  app.get(
    "/resolutions/:id",
    {
      schema: {
        operationId: "getResolution",
        summary: "Get a resolution",
        tags,
        params: ResolutionParams,
        querystring: GetResolutionQuery,
        response: { 200: Resolution, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => getResolution(app.reader, request.params.id, request.query),
  );
};

export default resolutionRoutes;
