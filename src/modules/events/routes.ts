// The HTTP surface of events.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { Event, EventList, EventParams, GetEventQuery, ListEventsQuery } from "./schemas.js";
import { getEvent, listEvents } from "./service.js";

const tags = ["Events"];

const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/events",
    {
      schema: {
        operationId: "listEvents",
        summary: "List events",
        description: "Events in date order (then id), filtered by participant, date range and text.",
        tags,
        querystring: ListEventsQuery,
        response: { 200: EventList, ...problemResponses() },
      },
    },
    (request) => listEvents(app.reader, request.query),
  );

  app.get(
    "/events/:id",
    {
      schema: {
        operationId: "getEvent",
        summary: "Get an event",
        tags,
        params: EventParams,
        querystring: GetEventQuery,
        response: { 200: Event, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => getEvent(app.reader, request.params.id, request.query),
  );
};

export default eventRoutes;
