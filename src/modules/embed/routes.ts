// The embedding surface: cards for iframes, the content behind them for the web
// component, the web component's script, and oEmbed discovery.
import { readFileSync } from "node:fs";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { escapeHtml, htmlDocumentResponses } from "../../http/html.js";
import { InvalidParameterError, NotFoundError, Problem } from "../../http/problem.js";
import { apiInfo } from "../../plugins/openapi.js";
import { projectFile } from "../../project-files.js";
import { getActor } from "../actors/service.js";
import { getIssue } from "../issues/service.js";
import { matrixLimits } from "../positions/schemas.js";
import { positionMatrix } from "../positions/service.js";
import { listTimeline } from "../timeline/service.js";
import { cardStyles, recordCardPolicy, renderCard } from "./card.js";
import { type CardKind, cardKinds, loadCard } from "./card-content.js";
import { toJsonLd } from "./json-ld.js";
import { matrixCardPolicy, renderMatrixCard } from "./matrix-card.js";
import {
  CardContent,
  CardParams,
  CardQuery,
  MatrixCardQuery,
  OEmbed,
  OEmbedQuery,
  TimelineCardQuery,
} from "./schemas.js";
import { renderTimelineCard, timelineCardPolicy } from "./timeline-card.js";

const tags = ["Embedding"];
const cardSize = { width: 520, height: 560 };
/** How many entries the timeline card shows: a card is read at a glance; the rest is a link away. */
const timelineCardEntries = 50;

/** The web component, with the cards' own styles written in. */
const componentScript = readFileSync(projectFile("src/modules/embed/browser/kb.js"), "utf8").replace(
  '"__CARD_CSS__"',
  JSON.stringify(cardStyles),
);

const embedRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/embed/:kind/:id",
    {
      config: { securityHeaders: recordCardPolicy },
      schema: {
        operationId: "getCard",
        summary: "Get a record's card, for an iframe",
        description:
          "A small, self-contained, accessible HTML card: title, summary, actors and the supporting quotes with their sources, with the record's JSON-LD and an oEmbed discovery link. Loads nothing from anywhere, runs no script, and may be framed by any origin.",
        tags,
        params: CardParams,
        querystring: CardQuery,
        produces: ["text/html"],
        response: htmlDocumentResponses,
      },
    },
    async (request, reply) => {
      const { kind, id } = request.params;
      const { content, record } = await loadCard(app.reader, kind, id);
      const baseUrl = app.baseUrlOf(request);
      reply.type("text/html; charset=utf-8");
      return renderCard(content, { theme: request.query.theme, baseUrl, jsonLd: toJsonLd(record, baseUrl) });
    },
  );

  app.get(
    "/embed/timeline",
    {
      config: { securityHeaders: timelineCardPolicy },
      schema: {
        operationId: "getTimelineCard",
        summary: "Get the timeline as a card, for an iframe",
        description:
          "The first 50 entries of `GET /v1/timeline` (optionally one actor's, or one issue's) on a vertical line, each dated as precisely as its source says (`April 2025`, not its first day): each event's title a link to its page, each position its actor's stance and what it wanted, offered or refused. Self-contained like the record cards: no script, nothing loaded, framable by any origin.",
        tags,
        querystring: TimelineCardQuery,
        produces: ["text/html"],
        response: htmlDocumentResponses,
      },
    },
    async (request, reply) => {
      const { actor: actorId, issue: issueId, theme } = request.query;
      const [actor, issue, timeline] = await Promise.all([
        actorId ? getActor(app.reader, actorId) : undefined,
        issueId ? getIssue(app.reader, issueId) : undefined,
        listTimeline(app.reader, { actor: actorId, issue: issueId, limit: timelineCardEntries }),
      ]);
      reply.type("text/html; charset=utf-8");
      return renderTimelineCard(timeline.data, {
        theme,
        baseUrl: app.baseUrlOf(request),
        actor,
        issue,
        more: timeline.page.nextCursor !== null,
      });
    },
  );

  app.get(
    "/embed/positions/matrix",
    {
      config: { securityHeaders: matrixCardPolicy },
      schema: {
        operationId: "getPositionMatrixCard",
        summary: "Get the matrix of positions as a card, for an iframe",
        description:
          "`GET /v1/positions/matrix` as an accessible HTML table: a column per actor, a row per issue (the first 25), each cell the actor's latest stance as a word and a colour, its date as precisely as the source says, and what was wanted or refused. Self-contained like the record cards: no script, nothing loaded, framable by any origin.",
        tags,
        querystring: MatrixCardQuery,
        produces: ["text/html"],
        response: htmlDocumentResponses,
      },
    },
    async (request, reply) => {
      const { actors, theme } = request.query;
      const matrix = await positionMatrix(app.reader, { actors, limit: matrixLimits.issues });
      reply.type("text/html; charset=utf-8");
      return renderMatrixCard(matrix, { theme, baseUrl: app.baseUrlOf(request) });
    },
  );

  app.get(
    "/embed/:kind/:id/content",
    {
      schema: {
        operationId: "getCardContent",
        summary: "Get what a record's card shows",
        description: "The content the `<kb-…>` web components render.",
        tags,
        params: CardParams,
        response: { 200: CardContent, 400: Problem, 404: Problem, 429: Problem, 500: Problem, 503: Problem },
      },
    },
    async (request) => (await loadCard(app.reader, request.params.kind, request.params.id)).content,
  );

  app.get(
    "/embed/kb.js",
    {
      schema: {
        operationId: "getWebComponent",
        summary: "Get the web component script",
        description:
          'Defines `<kb-implication id="…">`, `<kb-actor>`, `<kb-event>` and `<kb-claim>` (optional `theme="light|dark|auto"`), which render a record\'s card in a shadow root from this server\'s JSON.',
        tags,
        querystring: z.strictObject({}),
        produces: ["text/javascript"],
        response: {
          200: z.string().max(componentScript.length).describe("JavaScript."),
          400: Problem,
          429: Problem,
          500: Problem,
        },
      },
    },
    async (_request, reply) => {
      reply.type("text/javascript; charset=utf-8");
      return componentScript;
    },
  );

  app.get(
    "/oembed",
    {
      schema: {
        operationId: "getOEmbed",
        summary: "Get the oEmbed response for a record's URL",
        description:
          "oEmbed 1.0: a `rich` response whose `html` is an iframe of the record's card, sized within `maxwidth`/`maxheight`, as JSON or (`format=xml`) XML. Every card links here for discovery.",
        tags,
        querystring: OEmbedQuery,
        produces: ["application/json", "text/xml"],
        response: { 200: OEmbed, 400: Problem, 404: Problem, 429: Problem, 500: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { url, format, maxwidth, maxheight } = request.query;
      const { kind, id } = recordOf(url);
      const { content } = await loadCard(app.reader, kind, id);
      const baseUrl = app.baseUrlOf(request);
      const width = Math.min(cardSize.width, maxwidth ?? cardSize.width);
      const height = Math.min(cardSize.height, maxheight ?? cardSize.height);
      const response = {
        type: "rich" as const,
        version: "1.0" as const,
        title: content.title,
        provider_name: apiInfo.title,
        provider_url: baseUrl,
        cache_age: 3_600,
        html: `<iframe src="${escapeHtml(`${baseUrl}/embed/${kind}/${id}`)}" width="${width}" height="${height}" title="${escapeHtml(content.title)}" style="border:0" loading="lazy"></iframe>`,
        width,
        height,
      };
      if (format === "json") return response;
      // The reply's type knows only the JSON shape; the XML form of the same fields is text.
      return (reply as FastifyReply).type("text/xml; charset=utf-8").send(oembedXml(response));
    },
  );
};

/** oEmbed's XML format: the same fields as elements of <oembed>, their values escaped. */
function oembedXml(response: Record<string, string | number>): string {
  const fields = Object.entries(response).map(([name, value]) => `<${name}>${escapeHtml(String(value))}</${name}>`);
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed>${fields.join("")}</oembed>\n`;
}

/** The record a public URL names: `/v1/{kind}/{id}` or `/embed/{kind}/{id}`, on any host. */
function recordOf(url: string): { kind: CardKind; id: string } {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    throw new InvalidParameterError({ in: "query", name: "url", reason: "is not an absolute URL" });
  }
  const match = /^\/(?:v1|embed)\/([a-z]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(path);
  const kind = cardKinds.find((k) => k === match?.[1]);
  if (!match?.[2] || !kind) throw new NotFoundError("embeddable record", url);
  return { kind, id: match[2] };
}

export default embedRoutes;
