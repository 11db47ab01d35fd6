// GET /v1/export: the knowledge base, or part of it, streamed as NDJSON, CSV or JSON.
import { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { InvalidParameterError, problemResponses } from "../../http/problem.js";
import { assertActorExists } from "../actors/service.js";
import { ExportDocument, ExportQuery } from "./schemas.js";
import { type ExportFormat, exportChunks } from "./stream.js";

const mediaTypes: Record<ExportFormat, string> = {
  ndjson: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
  json: "application/json; charset=utf-8",
};

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/export",
    {
      schema: {
        operationId: "getExport",
        summary: "Export the knowledge base",
        description:
          "Streams every record (or one kind, or those about one actor) page by page, without holding the export in memory. NDJSON has one record per line with its `recordType`; CSV is one kind per file (RFC 4180: references by id, lists joined by `; `, evidence as its quotes, one per line); JSON is one document. The `x-kb-revision` header gives the revision the export started at.",
        tags: ["Export"],
        querystring: ExportQuery,
        produces: ["application/x-ndjson", "text/csv", "application/json"],
        response: { 200: ExportDocument, ...problemResponses({ notFound: true }) },
      },
    },
    async (request, reply) => {
      const { format, type, actor } = request.query;
      if (format === "csv" && !type) {
        throw new InvalidParameterError({ in: "query", name: "type", reason: "CSV holds one kind of record: name it" });
      }
      const db = app.reader;
      if (actor) await assertActorExists(db, actor);
      const revision = app.revision.current();
      const name = `kb-${type ?? "all"}${actor ? `-${actor}` : ""}-r${revision}.${format}`;
      reply
        .type(mediaTypes[format])
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("x-kb-revision", revision);
      return reply.send(Readable.from(exportChunks(db, { format, type, actor }, revision)));
    },
  );
};

export default exportRoutes;
