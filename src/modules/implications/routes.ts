// The HTTP surface of implications.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import {
  GetImplicationQuery,
  Implication,
  ImplicationList,
  ImplicationParams,
  ListImplicationsQuery,
} from "./schemas.js";
import { getImplication, listImplications } from "./service.js";

const tags = ["Implications"];

const implicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/implications",
    {
      schema: {
        operationId: "listImplications",
        summary: "List implications",
        description:
          "Implications in id order, filtered by kind, actor and text. `kind=scenario` lists the four paths forward.",
        tags,
        querystring: ListImplicationsQuery,
        response: { 200: ImplicationList, ...problemResponses() },
      },
    },
    (request) => listImplications(app.reader, request.query),
  );

  app.get(
    "/implications/:id",
    {
      schema: {
        operationId: "getImplication",
        summary: "Get an implication",
        description:
          "`include=claims` returns the supporting claims in full, with their evidence, in the same response.",
        tags,
        params: ImplicationParams,
        querystring: GetImplicationQuery,
        response: { 200: Implication, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => getImplication(app.reader, request.params.id, request.query),
  );
};

export default implicationRoutes;
