// The HTTP surface of claims.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { Claim, ClaimList, ClaimParams, GetClaimQuery, ListClaimsQuery } from "./schemas.js";
import { getClaim, listClaims } from "./service.js";

const tags = ["Claims"];

const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/claims",
    {
      schema: {
        operationId: "listClaims",
        summary: "List claims",
        description:
          "Claims in id order, filtered by kind, speaker, subject, source and text. `kind=reason` lists the four reasons for the US decision.",
        tags,
        querystring: ListClaimsQuery,
        response: { 200: ClaimList, ...problemResponses() },
      },
    },
    (request) => listClaims(app.reader, request.query),
  );

  app.get(
    "/claims/:id",
    {
      schema: {
        operationId: "getClaim",
        summary: "Get a claim",
        tags,
        params: ClaimParams,
        querystring: GetClaimQuery,
        response: { 200: Claim, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => getClaim(app.reader, request.params.id, request.query),
  );
};

export default claimRoutes;
