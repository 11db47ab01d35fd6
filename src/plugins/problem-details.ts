// Turns every error, and every unknown route, into an RFC 9457 problem served
// as application/problem+json. Nothing a client sends can produce a 500; a 500
// means a bug, and is logged as one.

import { STATUS_CODES } from "node:http";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { redactUrl } from "../auth/credentials-in-url.js";
import {
  type InvalidParam,
  maxDetail,
  maxHintText,
  maxInstance,
  maxParamText,
  maxReportedParams,
  type Problem,
  ProblemError,
  ServiceUnavailableError,
} from "../http/problem.js";

const validationSources: Record<string, InvalidParam["in"]> = {
  querystring: "query",
  params: "path",
  body: "body",
  headers: "header",
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: Omit<Problem, "instance" | "type"> & { type?: string },
) {
  return reply
    .code(problem.status)
    .type("application/problem+json")
    .send({
      type: "about:blank",
      ...problem,
      detail: clip(problem.detail, maxDetail),
      instance: clip(redactUrl(request.url), maxInstance),
    });
}

/** The detail repeats the first few. */
const paramsInDetail = 5;

const clip = (text: string, max = maxParamText) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function invalidParameters(request: FastifyRequest, reply: FastifyReply, all: InvalidParam[]) {
  const invalidParams = all.slice(0, maxReportedParams).map((param) => ({
    in: param.in,
    name: clip(param.name),
    reason: clip(param.reason),
    ...(param.hint && { hint: clip(param.hint, maxHintText) }),
  }));
  const more = all.length - invalidParams.length;
  const listed = invalidParams
    .slice(0, paramsInDetail)
    .map((p) => `${p.name}: ${p.reason}`)
    .join("; ");
  const unlisted = Math.max(0, all.length - paramsInDetail);
  // A body's problems are its content's; the request's other parts are its parameters.
  const content = all.every((param) => param.in === "body");
  return sendProblem(reply, request, {
    type: content ? "/problems/invalid-content" : "/problems/invalid-parameters",
    title: content ? "Invalid content" : "Invalid parameters",
    status: 400,
    detail: `The request has ${all.length} invalid ${content ? "value" : "parameter"}${all.length === 1 ? "" : "s"}: ${listed}${unlisted > 0 ? `; and ${unlisted} more` : ""}.${more > 0 ? ` The first ${maxReportedParams} are listed in invalidParams.` : ""}`,
    invalidParams,
  });
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        const where = validationSources[error.validationContext ?? "querystring"] ?? "query";
        return invalidParameters(
          request,
          reply,
          error.validation.map((issue) => {
            const name = issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || keysOf(issue.params);
            // `?kind=a&kind=b` arrives as a list where one value is expected.
            const repeated = where === "query" && Array.isArray((request.query as Record<string, unknown>)[name]);
            return { in: where, name, reason: repeated ? "is repeated: give it once" : issue.message };
          }),
        );
      }
      const problem =
        error instanceof ProblemError
          ? error
          : isDatabaseUnavailable(error)
            ? new ServiceUnavailableError("The database is unavailable; retry shortly.", { cause: error })
            : undefined;
      if (problem) {
        if (problem.invalidParams) return invalidParameters(request, reply, problem.invalidParams);
        if (problem.cause !== undefined) request.log.warn({ err: problem.cause }, "database unavailable");
        reply.headers(problem.headers);
        return sendProblem(reply, request, { title: problem.title, status: problem.status, detail: problem.message });
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, "unhandled error");
      return sendProblem(reply, request, {
        title: STATUS_CODES[status] ?? "Error",
        status,
        detail: status === 500 ? "An unexpected error occurred; it has been logged." : error.message,
      });
    });
  },
  { name: "problem-details" },
);

/** Connection failures surface as Prisma errors (codes, or the driver's message): a 503, not a bug. */
// P2028: a transaction that could not start in time (every connection busy) or outlived its timeout.
const unavailableCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
function isDatabaseUnavailable(error: FastifyError): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && unavailableCodes.has(code)) return true;
  if (error.name === "PrismaClientInitializationError") return true;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|Can't reach database server|DatabaseNotReachable|database is locked/i.test(
    error.message,
  );
}

/** Unknown keys in a strict object are reported on the object, with their names in the issue. */
function keysOf(params: Record<string, unknown>): string {
  return Array.isArray(params.keys) ? params.keys.join(", ") : "(request)";
}
