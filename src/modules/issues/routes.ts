// The HTTP surface of issues.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../http/problem.js";
import { GetIssueQuery, Issue, IssueList, IssueParams, ListIssuesQuery } from "./schemas.js";
import { getIssue, listIssues } from "./service.js";

const tags = ["Positions"];

const issueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/issues",
    {
      schema: {
        operationId: "listIssues",
        summary: "List issues",
        description: "The questions the parties negotiate, by id, each with the positions taken on it in date order.",
        tags,
        querystring: ListIssuesQuery,
        response: { 200: IssueList, ...problemResponses() },
      },
    },
    (request) => listIssues(app.reader, request.query),
  );

  app.get(
    "/issues/:id",
    {
      schema: {
        operationId: "getIssue",
        summary: "Get an issue",
        description: "An issue with every position taken on it, in date order.",
        tags,
        params: IssueParams,
        querystring: GetIssueQuery,
        response: { 200: Issue, ...problemResponses({ notFound: true }) },
      },
    },
    (request) => getIssue(app.reader, request.params.id, request.query),
  );
};

export default issueRoutes;
