// GET /read/{sourceId}: a stored document's reader page.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { htmlDocumentResponses } from "../../http/html.js";
import { recordId } from "../record-refs.js";
import { readerPolicyDirectives, renderReaderPage } from "./reader-page.js";
import { loadReaderDocument } from "./service.js";

const readerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/read/:sourceId",
    {
      config: {
        securityHeaders: { contentSecurityPolicy: { useDefaults: false, directives: readerPolicyDirectives } },
      },
      schema: {
        operationId: "getReaderPage",
        summary: "Read a document with what the knowledge base draws from it",
        description:
          "An HTML page of the document's text with every evidence passage highlighted in the colour of its record's type (actor, event, claim, implication, cited source) and linked to the record's card beside the text (shown on click; the records a passage supports are named on hover), a legend, and the coverage: the share of the document's sentences some record cites. Loads nothing from anywhere and runs no script. 404 for a cited source, whose text the knowledge base does not hold.",
        tags: ["Sources"],
        params: z.strictObject({ sourceId: recordId }),
        querystring: z.strictObject({}),
        produces: ["text/html"],
        response: htmlDocumentResponses,
      },
    },
    async (request, reply) => {
      const document = await loadReaderDocument(app.reader, request.params.sourceId);
      reply.type("text/html; charset=utf-8");
      return renderReaderPage(document);
    },
  );
};

export default readerRoutes;
