// The site: HTML pages outside /v1 on the API's own data and cache, for
// people in a browser. Not part of the API's contract, so not in the OpenAPI
// document; listed in the README. Errors a page meets are pages too.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type FastifyPluginAsyncZod, hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { storableText } from "../../content/storable-text.js";
import { ProblemError } from "../../http/problem.js";
import { getActor } from "../actors/service.js";
import { getClaim, listClaims } from "../claims/service.js";
import { type JsonLdRecord, toJsonLd } from "../embed/json-ld.js";
import { getEvent } from "../events/service.js";
import { getImplication, listImplications } from "../implications/service.js";
import { loadReaderDocument } from "../reader/service.js";
import { recordId } from "../record-refs.js";
import { recordTypes } from "../search/schemas.js";
import { search } from "../search/service.js";
import { getSource } from "../sources/service.js";
import { listTimeline } from "../timeline/service.js";
import { errorPage } from "./error-page.js";
import { homePage } from "./home-page.js";
import { type PageOptions, pagePolicy, renderPage } from "./layout.js";
import { actorPage, claimPage, eventPage, implicationPage } from "./record-pages.js";
import { searchPage } from "./search-page.js";
import { loadHome } from "./service.js";
import { sourcePage } from "./source-page.js";

const config = {
  // Cached like the API's reads, by URL and revision.
  publicCache: true,
  securityHeaders: pagePolicy,
};

const hidden = { hide: true } as const;
const recordParams = z.strictObject({ id: recordId });
const noQuery = z.strictObject({});
/** The most records of each of an actor's lists its page shows. */
const listed = 100;

const html = (reply: FastifyReply, page: PageOptions, status = 200) =>
  reply.code(status).type("text/html; charset=utf-8").send(renderPage(page));

/** A page's error as a page: 404 for an unknown record or a malformed id, 400 for a query it cannot run. */
export function sendErrorPage(reply: FastifyReply, status: number, detail?: string) {
  const title = status === 404 ? "Not found" : status === 400 ? "Bad request" : "Something went wrong";
  return html(reply, errorPage(status, title, detail), status);
}

const pageRoutes: FastifyPluginAsyncZod = async (app) => {
  // Client errors become pages; anything else goes on to the API's handler (logged, problem+json).
  app.setErrorHandler((error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error))
      return sendErrorPage(reply, error.validationContext === "params" ? 404 : 400, error.message);
    if (error instanceof ProblemError && error.status < 500) {
      reply.headers(error.headers);
      return sendErrorPage(reply, error.status, error.message);
    }
    throw error;
  });

  app.get("/", { config, schema: { ...hidden, querystring: noQuery } }, async (_request, reply) =>
    html(reply, homePage(await loadHome(app.reader))),
  );

  /** A record's page at /{type}/{id}: the record loaded with what its page shows, and the record's JSON-LD. */
  const recordPage = <T extends JsonLdRecord["type"]>(
    type: T,
    load: (id: string) => Promise<{ record: Extract<JsonLdRecord, { type: T }>["record"]; page: PageOptions }>,
  ) =>
    app.get(
      `/${type}/:id`,
      { config, schema: { ...hidden, params: recordParams, querystring: noQuery } },
      async (request, reply) => {
        const { record, page } = await load(request.params.id);
        const jsonLd = toJsonLd({ type, record } as JsonLdRecord, app.baseUrlOf(request));
        return html(reply, { ...page, jsonLd });
      },
    );
  recordPage("actors", async (actor) => {
    const db = app.reader;
    const [record, implications, claims, events] = await Promise.all([
      getActor(db, actor),
      listImplications(db, { actor, limit: listed }),
      listClaims(db, { actor, limit: listed }),
      listTimeline(db, { actor, limit: listed }),
    ]);
    return { record, page: actorPage(record, { implications, claims, events }) };
  });
  recordPage("implications", async (id) => {
    const record = await getImplication(app.reader, id);
    return { record, page: implicationPage(record) };
  });
  recordPage("claims", async (id) => {
    const record = await getClaim(app.reader, id);
    return { record, page: claimPage(record) };
  });
  recordPage("events", async (id) => {
    const record = await getEvent(app.reader, id);
    return { record, page: eventPage(record) };
  });
  recordPage("sources", async (id) => {
    const record = await getSource(app.reader, id);
    const document = record.hasText ? await loadReaderDocument(app.reader, record.id) : undefined;
    return { record, page: sourcePage(record, document) };
  });

  app.get(
    "/search",
    {
      config,
      schema: {
        ...hidden,
        querystring: z.strictObject({
          // An empty box submitted is a search not yet typed, not an error.
          q: z.union([z.literal(""), storableText(200)]).optional(),
          type: z.enum(recordTypes).optional(),
          actor: recordId.optional(),
          cursor: z.string().max(500).optional(),
        }),
      },
    },
    async (request, reply) => {
      const query = { ...request.query, q: request.query.q?.trim() || undefined };
      const results = query.q
        ? await search(app.reader, { ...query, q: query.q, facets: "type,kind,actor", limit: 20 })
        : undefined;
      return html(reply, searchPage(query, results));
    },
  );
};

export default pageRoutes;
