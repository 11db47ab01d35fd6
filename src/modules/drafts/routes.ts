// POST /v1/drafts: the draft of an article, as `kb draft` writes it. A write:
// it needs the `write` scope, runs one at a time per process, and reads its
// text in steps that leave the event loop to other requests.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { runSharingTheLoop } from "../../content/event-loop-share.js";
import { Problem } from "../../http/problem.js";
import { createSlots, holdingSlot } from "../../http/slots.js";
import { ContentBundle } from "../imports/schemas.js";
import { DraftRequest } from "./schemas.js";
import { draftArticle } from "./service.js";

export interface DraftRouteOptions {
  /** How long a draft waits for the one before it in this process, in ms, before a 503. */
  queueWaitMs: number;
}

/** The text at its longest, every character escaped in JSON (`\uXXXX`), and the other fields. */
const maxBodyBytes = 1_048_576;

const draftRoutes: FastifyPluginAsyncZod<DraftRouteOptions> = async (app, options) => {
  const slots = createSlots(1);
  const takeSlot = holdingSlot(
    slots,
    options.queueWaitMs,
    `Other drafts kept this instance busy for more than ${options.queueWaitMs} ms: retry shortly.`,
  );
  // A draft's request is JSON: any other body is 415.
  app.removeContentTypeParser("text/plain");

  app.post(
    "/drafts",
    {
      bodyLimit: maxBodyBytes,
      config: { publicCache: false },
      onRequest: [app.requireScope("write"), takeSlot],
      schema: {
        operationId: "createDraft",
        summary: "Draft a content bundle from an article",
        description:
          "Reads a plain-text article and proposes a content bundle for review, as `kb draft` does: the actors the knowledge base already has, matched by name, alias, spelling variant (Zelensky, Zelenskyy, Zelenskiy; Kyiv, Kiev; US, U.S., Washington) or demonym and linked by id; new people, organisations and countries; events dated as the text dates them; attributed statements, stated positions, listed reasons, hedged assessments and figures as claims; the items under headings such as “For Ukraine” as consequences for that actor, and listed paths forward as scenarios. Every record carries a `draft` mark (the rule that proposed it, what it matched, how sure it is) and verbatim evidence that occurs once in the text; no id is one the knowledge base already uses. Nothing is stored: check the bundle (`POST /v1/imports?dryRun=true&acceptDrafts=true`), correct it, and import it. Needs an API key with the `write` scope; one draft at a time per instance (503 when others kept it busy).",
        tags: ["Imports"],
        security: [{ apiKey: [] }],
        body: DraftRequest,
        response: {
          200: ContentBundle,
          400: Problem,
          401: Problem,
          403: Problem,
          413: Problem,
          415: Problem,
          429: Problem,
          500: Problem,
          503: Problem,
        },
      },
    },
    async (request) => draftArticle(app.reader, request.body, runSharingTheLoop),
  );
};

export default draftRoutes;
