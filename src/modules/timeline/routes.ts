// GET /v1/timeline: what happened and who took which position, in date order, as precisely as its sources date it.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { TimelineList, TimelineQuery } from "./schemas.js";
import { listTimeline } from "./service.js";

const timelineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/timeline",
    {
      schema: {
        operationId: "listTimeline",
        summary: "List the timeline",
        description:
          "Events and positions in date order, each as precise as its source dates it, told apart by `type`. An entry sorts by the end of the period its date names, then by type (events first) and id: `2025-04` follows every day of April 2025, and `2025` every month of 2025, since either may have happened as late as that. Filtered by actor (the events it took part in, the positions it took), issue (positions on it, and the events they were taken at), type and date range; cursor-paged.",
        tags: ["Events"],
        querystring: TimelineQuery,
        response: { 200: TimelineList, ...problemResponses() },
      },
    },
    (request) => listTimeline(app.reader, request.query),
  );
};

export default timelineRoutes;
