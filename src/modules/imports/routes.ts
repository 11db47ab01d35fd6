// The HTTP surface of imports: authenticated, size-limited writes of content bundles.
import { setImmediate } from "node:timers/promises";
import { type FastifyPluginAsyncZod, validatorCompiler } from "fastify-type-provider-zod";
import { type Bundle, bundleLimits, bundleShellSchema } from "../../content/bundle-schema.js";
import { runSharingTheLoop } from "../../content/event-loop-share.js";
import { jsonShapeProblem } from "../../http/json-shape.js";
import { InvalidParameterError, Problem } from "../../http/problem.js";
import { createSlots, holdingSlot } from "../../http/slots.js";
import { ContentBundle, DryRunReport, ImportParams, ImportQuery, ImportReport } from "./schemas.js";
import { dryRunBundle, getImport, importBundle } from "./service.js";
import { validateRecords } from "./validate-bundle.js";

const tags = ["Imports"];
const security = [{ apiKey: [] }];

export interface ImportRouteOptions {
  /** The largest request body accepted, in bytes (413 past it). */
  maxBodyBytes: number;
  /** How long an import waits for the one before it in this process, in ms, before a 503. */
  queueWaitMs: number;
}

const importRoutes: FastifyPluginAsyncZod<ImportRouteOptions> = async (app, options) => {
  // One import at a time per process, taken before its body is read: writes queue for the
  // database's one writer anyway, and each waiting import would hold its parsed body.
  const slots = createSlots(1);
  const takeSlot = holdingSlot(
    slots,
    options.queueWaitMs,
    `Other imports kept this instance busy for more than ${options.queueWaitMs} ms; nothing was read or written: retry shortly.`,
  );

  // A bundle is JSON: any other body (Fastify parses text/plain by default) is 415.
  app.removeContentTypeParser("text/plain");
  // Its shape is checked on the text before it is parsed, so no body within the size limit
  // becomes millions of objects: no list of a bundle holds more than this, nor nests deeper.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    // The scan of a large body is some tens of milliseconds: reads are answered between its steps, and before the parse.
    void runSharingTheLoop(jsonShapeProblem(body as string, { maxItems: bundleLimits.records, maxDepth: 8 })).then(
      async (problem) => {
        if (problem)
          return done(
            new InvalidParameterError({ in: "body", name: problem.path, reason: problem.problem }),
            undefined,
          );
        await setImmediate();
        parseJson(request, body as string, done);
      },
      (error: Error) => done(error, undefined),
    );
  });

  app.post(
    "/imports",
    {
      bodyLimit: options.maxBodyBytes,
      onRequest: [app.requireScope("write"), takeSlot],
      // Between parsing a large body and validating it, reads are answered.
      preValidation: async () => {
        await setImmediate();
      },
      // The body is checked here as a shell, its document and its lists' lengths, in one go; its records,
      // tens of milliseconds' work for thousands, in slices by the handler. The query is checked whole.
      validatorCompiler: (route) =>
        validatorCompiler({ ...route, schema: route.httpPart === "body" ? bundleShellSchema : ImportQuery }),
      schema: {
        operationId: "createImport",
        summary: "Import a content bundle",
        description: `Applies a content bundle in one transaction: all of it or none of it. A bundle is its document's complete statement: importing it again makes the document's stored statements match it (the same bundle twice changes nothing; a corrected one changes what it changes and takes back what it no longer says), and never touches another document's. The records readers see are derived from every document's statements (the README's rule): a record no document states any more is deleted, and taking back the last statement of a record another document's record links to is refused (409). Needs an API key with the \`write\` scope; a document belongs to the key that first imported it (403 for another key, unless it has the \`admin\` scope; the seed's document is the seed's alone). An actor the knowledge base already has under another id (the same Wikidata item, ISO code, or exact name or alias) is refused, as is a Wikidata item or code other than another document gives the actor: 409. Bodies over ${options.maxBodyBytes} bytes are refused with 413. With \`dryRun=true\` the import is checked and reported (200) but not written. A quote that is not verbatim, or not unique, gets a \`hint\` in its problem: the passage it nearly matches (other quotation marks, dashes, apostrophes or spacing), or where it occurs.`,
        tags,
        security,
        querystring: ImportQuery,
        body: ContentBundle,
        response: {
          200: DryRunReport,
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
      // Checked as a shell only (above): its records are checked here.
      const bundle = (await validateRecords(
        request.body as unknown as Parameters<typeof validateRecords>[0],
      )) as Bundle;
      const options = {
        write: app.writeKnowledge,
        key: request.apiKey && { id: request.apiKey.id, admin: request.apiKey.scopes.includes("admin") },
        acceptDrafts: request.query.acceptDrafts,
      };
      if (request.query.dryRun) return reply.code(200).send(await dryRunBundle(app.db, bundle, options));
      const report = await importBundle(app.db, bundle, options);
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
          "Needs an API key with the `read` or `admin` scope (auditors: every import) or the `write` scope (importers: the imports made with that key; another key's import is 404).",
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
      const auditor = key?.scopes.some((scope) => scope === "read" || scope === "admin") ?? false;
      return getImport(app.db, request.params.id, auditor ? {} : { ownerKeyId: key?.id ?? "" });
    },
  );
};

export default importRoutes;
