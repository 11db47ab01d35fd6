// The HTTP surface of actors, including what they bear on: their
// implications, the claims by or about them, and the events they took part in.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../../http/problem.js";
import { ClaimList, claimFilters } from "../claims/schemas.js";
import { listClaims } from "../claims/service.js";
import { EventList, eventFilters } from "../events/schemas.js";
import { listEvents } from "../events/service.js";
import { ImplicationList, implicationFilters } from "../implications/schemas.js";
import { listImplications } from "../implications/service.js";
import { Actor, ActorList, ActorParams, GetActorQuery, ListActorsQuery } from "./schemas.js";
import { getActor, listActors, ofActor } from "./service.js";

const tags = ["Actors"];

const actorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/actors",
    {
      schema: {
        operationId: "listActors",
        summary: "List actors",
        description: "Actors in id order, filtered by kind, text, corroboration and conflicts.",
        tags,
        querystring: ListActorsQuery,
        response: { 200: ActorList, ...problemResponses() },
      },
    },
    (request) => listActors(app.reader, request.query),
  );

  app.get(
    "/actors/:id",
    {
      schema: {
        operationId: "getActor",
        summary: "Get an actor",
        tags,
        params: ActorParams,
        querystring: GetActorQuery,
        response: { 200: Actor, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => getActor(app.reader, request.params.id, request.query),
  );

  app.get(
    "/actors/:id/implications",
    {
      schema: {
        operationId: "listActorImplications",
        summary: "List the implications for an actor",
        description: "Consequences and scenarios bearing on the actor, e.g. the implications for Europe.",
        tags,
        params: ActorParams,
        querystring: z.strictObject(implicationFilters),
        response: { 200: ImplicationList, ...problemResponses({ notFound: true }) },
      },
    },
    async (request) => {
      const db = app.reader;
      return ofActor(db, request.params.id, listImplications(db, { ...request.query, actor: request.params.id }));
    },
  );

  app.get(
    "/actors/:id/claims",
    {
      schema: {
        operationId: "listActorClaims",
        summary: "List the claims by or about an actor",
        tags,
        params: ActorParams,
        querystring: z.strictObject(claimFilters),
        response: { 200: ClaimList, ...problemResponses({ notFound: true }) },
      },
    },
    async (request) => {
      const db = app.reader;
      return ofActor(db, request.params.id, listClaims(db, { ...request.query, actor: request.params.id }));
    },
  );

  app.get(
    "/actors/:id/events",
    {
      schema: {
        operationId: "listActorEvents",
        summary: "List the events an actor took part in",
        tags,
        params: ActorParams,
        querystring: z.strictObject(eventFilters),
        response: { 200: EventList, ...problemResponses({ notFound: true }) },
      },
    },
    async (request) => {
      const db = app.reader;
      return ofActor(db, request.params.id, listEvents(db, { ...request.query, actor: request.params.id }));
    },
  );
};

export default actorRoutes;
