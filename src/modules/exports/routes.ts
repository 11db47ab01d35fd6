// GET /v1/export: the knowledge base, or part of it, streamed as NDJSON, CSV or
// JSON from one snapshot of the database, so every record is as of the
// revision the header names, however long the stream takes.
import { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { storedRevision } from "../../content/stored-revision.js";
import { InvalidParameterError, problemResponses, ServiceUnavailableError } from "../../http/problem.js";
import { assertActorExists } from "../actors/service.js";
import { ExportDocument, ExportQuery } from "./schemas.js";
import { type ExportFormat, exportChunks } from "./stream.js";

const mediaTypes: Record<ExportFormat, string> = {
  ndjson: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
  json: "application/json; charset=utf-8",
};

export interface ExportRouteOptions {
  /** Exports streamed at once: each holds a database connection (PostgreSQL) for as long as it streams. */
  maxConcurrent: number;
}

const exportRoutes: FastifyPluginAsyncZod<ExportRouteOptions> = async (app, options) => {
  let streaming = 0;
  app.get(
    "/export",
    {
      schema: {
        operationId: "getExport",
        summary: "Export the knowledge base",
        description:
          "Streams every record (or one kind, or one actor's part: the actor, what is about it, and the sources those quote) page by page, without holding the export in memory, all from one snapshot: the `x-kb-revision` header (and the JSON document's `revision`) is the revision of every record in it, whatever is written while it streams. NDJSON has one record per line with its `recordType`; CSV is one kind per file (RFC 4180: references by id, lists joined by `; `, evidence as its quotes, one per line); JSON is one document. A few exports stream at once (each holds a database connection); past that, 503 with Retry-After.",
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
      if (streaming >= options.maxConcurrent) {
        throw new ServiceUnavailableError(`${streaming} exports are streaming, the most at once; retry shortly.`);
      }
      streaming += 1;
      const snapshot = await app.reader.snapshot().catch((error: unknown) => {
        streaming -= 1;
        throw error;
      });
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        streaming -= 1;
        await snapshot.release();
      };
      // However the response ends (sent, failed, or the client gone), the snapshot goes.
      reply.raw.once("close", () => void release());
      try {
        const { db } = snapshot;
        if (actor) await assertActorExists(db, actor);
        const revision = await storedRevision(db);
        const name = `kb-${type ?? "all"}${actor ? `-${actor}` : ""}-r${revision}.${format}`;
        reply
          .type(mediaTypes[format])
          .header("content-disposition", `attachment; filename="${name}"`)
          .header("x-kb-revision", revision);
        return reply.send(Readable.from(releasing(exportChunks(db, { format, type, actor }, revision), release)));
      } catch (error) {
        await release();
        throw error;
      }
    },
  );
};

/** The chunks, then the snapshot released as soon as the last is read. */
async function* releasing(chunks: AsyncGenerator<string>, release: () => Promise<void>): AsyncGenerator<string> {
  try {
    yield* chunks;
  } finally {
    await release();
  }
}

export default exportRoutes;
