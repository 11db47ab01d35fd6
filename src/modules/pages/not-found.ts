// What answers a request no route serves: problem+json on the API's paths
// and for anything but a read; for a browser's GET elsewhere, the site's 404
// page with a way back.
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendProblem } from "../../plugins/problem-details.js";
import { helmetHeaders } from "../../plugins/security-headers.js";
import { pagePolicy } from "./layout.js";
import { sendErrorPage } from "./routes.js";

/** The machine-facing paths: everything the OpenAPI document describes, and the operators' endpoints. */
const apiPaths = /^\/(?:v1|embed|oembed|read|docs|openapi\.json|healthz|readyz|metrics)(?:[/?#]|$)/;

const pageHeaders = helmetHeaders(pagePolicy);

export function notFound(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split("?")[0] ?? "/";
  if ((request.method === "GET" || request.method === "HEAD") && !apiPaths.test(path)) {
    reply.headers(pageHeaders);
    return sendErrorPage(reply, 404, `No page is at ${path}.`);
  }
  return sendProblem(reply, request, {
    title: "Not Found",
    status: 404,
    detail: `No route serves ${request.method} ${path}.`,
  });
}
