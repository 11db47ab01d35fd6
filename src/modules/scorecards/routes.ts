// GET /v1/sources/{id}/scorecard: how a source's forecasts fared.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { Scorecard, ScorecardParams, ScorecardQuery } from "./schemas.js";
import { sourceScorecard } from "./service.js";

const scorecardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/sources/:id/scorecard",
    {
      schema: {
        operationId: "getSourceScorecard",
        summary: "Score a source's forecasts",
        description:
          "The implications the source draws out that later sources have resolved, each with the probability the source's own hedge gives (the middle of its ICD 203 band: README) and its squared error against the outcome (1 if it occurred, 0 if not), and their mean, the Brier score. Implications the source gives no likelihood are listed, not scored. An implication's outcome is its latest resolution's.",
        tags: ["Sources"],
        params: ScorecardParams,
        querystring: ScorecardQuery,
        response: { 200: Scorecard, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => sourceScorecard(app.reader, request.params.id, request.query),
  );
};

export default scorecardRoutes;
