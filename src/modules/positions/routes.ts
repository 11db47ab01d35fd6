// The HTTP surface of positions and the matrix of actors by issues.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import {
  GetPositionQuery,
  ListPositionsQuery,
  Position,
  PositionList,
  PositionMatrix,
  PositionMatrixQuery,
  PositionParams,
} from "./schemas.js";
import { getPosition, listPositions, positionMatrix } from "./service.js";

const tags = ["Positions"];

const positionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/positions",
    {
      schema: {
        operationId: "listPositions",
        summary: "List positions",
        description:
          "Who demands, proposes, accepts, conditions or rejects what, in date order (by the end of the period each date names, then by id, as the timeline orders), filtered by actor, issue, stance and date.",
        tags,
        querystring: ListPositionsQuery,
        response: { 200: PositionList, ...problemResponses() },
      },
    },
    (request) => listPositions(app.reader, request.query),
  );

  app.get(
    "/positions/matrix",
    {
      schema: {
        operationId: "getPositionMatrix",
        summary: "Compare actors' positions by issue",
        description:
          "Actors by issues: for each issue any of the actors has taken a position on (a page of them, by id), each actor's latest stance with its history and evidence. An unknown actor is a 404.",
        tags,
        querystring: PositionMatrixQuery,
        response: { 200: PositionMatrix, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => positionMatrix(app.reader, request.query),
  );

  app.get(
    "/positions/:id",
    {
      schema: {
        operationId: "getPosition",
        summary: "Get a position",
        tags,
        params: PositionParams,
        querystring: GetPositionQuery,
        response: { 200: Position, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => getPosition(app.reader, request.params.id, request.query),
  );
};

export default positionRoutes;
