// The HTTP surface of imports: authenticated, size-limited writes of content bundles.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Problem } from "../../http/problem.js";
import { ContentBundle, ImportParams, ImportReport } from "./schemas.js";
import { getImport, importBundle } from "./service.js";

const tags = ["Imports"];
const security = [{ apiKey: [] }];

export interface ImportRouteOptions {
  /** The largest request body accepted, in bytes (413 past it). */
  maxBodyBytes: number;
}

const importRoutes: FastifyPluginAsyncZod<ImportRouteOptions> = async (app, options) => {
  // A bundle is JSON: any other body (Fastify parses text/plain by default) is 415.
  app.removeContentTypeParser("text/plain");

  app.post(
    "/imports",
    {
      bodyLimit: options.maxBodyBytes,
      onRequest: app.requireScope("write"),
      schema: {
        operationId: "createImport",
        summary: "Import a content bundle",
        description: `Applies a content bundle in one transaction: all of it or none of it. Idempotent: the same bundle twice changes nothing the second time, and a corrected bundle updates its records in place (by id). Needs an API key with the \`write\` scope; a document belongs to the key that first imported it (403 for another key; the seed's document is the seed's). A new text for a document must keep every passage already quoted from it, and a record another source gives evidence for may be cited but not changed: 409 otherwise. Bodies over ${options.maxBodyBytes} bytes are refused with 413.`,
        tags,
        security,
        body: ContentBundle,
        response: {
          201: ImportReport,
          400: Problem,
          401: Problem,
          403: Problem,
          409: Problem,
          413: Problem,
          415: Problem,
          429: Problem,
          500: Problem,
          503: Problem,
        },
      },
    },
    async (request, reply) => {
      const report = await importBundle(app.db, request.body, {
        write: (rows, hooks) => app.writeKnowledge(rows, { prune: false, ...hooks }),
        keyId: request.apiKey?.id,
      });
      return reply.code(201).header("location", `/v1/imports/${report.id}`).send(report);
    },
  );

  app.get(
    "/imports/:id",
    {
      config: { publicCache: false },
      onRequest: app.requireScope("read"),
      schema: {
        operationId: "getImport",
        summary: "Get the report of a past import",
        description:
          "Needs an API key with the `read` scope (auditors: every import) or the `write` scope (importers: the imports made with that key; another key's import is 404).",
        tags,
        security,
        params: ImportParams,
        response: {
          200: ImportReport,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          429: Problem,
          500: Problem,
          503: Problem,
        },
      },
    },
    (request) => {
      const key = request.apiKey;
      const auditor = key?.scopes.includes("read") ?? false;
      return getImport(app.db, request.params.id, auditor ? {} : { ownerKeyId: key?.id ?? "" });
    },
  );
};

export default importRoutes;
