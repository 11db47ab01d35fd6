// The OpenAPI 3.1 document, generated from the routes' zod schemas, served at
// /openapi.json with interactive documentation at /docs.

import { STATUS_CODES } from "node:http";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createJsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { asOfParameter } from "../history/as-of.js";

type JsonObject = Record<string, unknown>;
type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>;
type DocumentShape = { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } };

export const apiInfo = {
  title: "Geopolitical Knowledge Base API",
  version: "1.0.0",
  description:
    "Structured, sourced, queryable analysis of the 2025 US threat to withdraw from the Russia-Ukraine peace talks: actors, events, claims, implications and sources, each traceable to a verbatim passage of its source. Errors are RFC 9457 problem details (application/problem+json).",
  license: { name: "MIT", identifier: "MIT" },
};

export const tags = [
  { name: "Index", description: "Where a client starts: the API's collections and documents." },
  {
    name: "Actors",
    description: "Countries, people, organisations, alliances, blocs, parties and the international system.",
  },
  { name: "Events", description: "What happened or was announced, in date order." },
  { name: "Claims", description: "Facts, statements, positions, assessments and reasons stated in a source." },
  { name: "Implications", description: "Consequences and scenarios the analysis draws." },
  { name: "Sources", description: "The analysed documents and the outlets they cite." },
  { name: "Search", description: "Full-text search across every kind of record." },
  { name: "Changes", description: "What changed since a revision, to mirror the knowledge base incrementally." },
  { name: "Export", description: "The whole knowledge base, or a part, streamed as NDJSON, CSV or JSON." },
  { name: "Imports", description: "Adding content bundles to the knowledge base (API key with the write scope)." },
  {
    name: "Embedding",
    description: "Cards for iframes, a web component, and oEmbed, for apps that embed the data.",
  },
  { name: "Health", description: "Liveness and readiness probes, and Prometheus metrics." },
];

export default fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: apiInfo,
        servers: [{ url: "/", description: "The server this document is served from" }],
        tags,
        // Reads are public; the operations that write say so themselves.
        security: [],
        components: {
          securitySchemes: {
            apiKey: {
              type: "http",
              scheme: "bearer",
              description: "An API key created with `npm run kb -- keys create --scope write --name <name>`.",
            },
          },
        },
      },
      transform: createJsonSchemaTransform({ skipList: [] }),
      transformObject: (input) => polish(jsonSchemaTransformObject(input)),
    });
    // The docs page loads its own scripts and styles, so it gets a policy of its own.
    await app.register(swaggerUi, {
      routePrefix: "/docs",
      // The site links to a tag's operations (/docs#/Embedding).
      uiConfig: { deepLinking: true },
      staticCSP:
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    });
    app.get("/openapi.json", { schema: { hide: true } }, () => app.swagger());
  },
  { name: "openapi" },
);

/** Single records also answer `Accept: application/ld+json` (src/modules/embed/linked-data.ts). */
const linkedDataOperations = ["getActor", "getEvent", "getClaim", "getImplication", "getSource"];
const jsonLdDocument: JsonObject = {
  type: "object",
  description:
    "The record as JSON-LD: schema.org (Claim with its appearances, Event, Person, Organization, Country with sameAs to Wikidata, the source as an article) with provenance in PROV-O terms (wasDerivedFrom, wasQuotedFrom, wasAttributedTo).",
  required: ["@context", "@id", "@type"],
  properties: {
    "@context": { type: "object", description: "Maps the terms to schema.org and PROV-O." },
    "@id": { type: "string", format: "uri", maxLength: 3_000, description: "The record's URL." },
    "@type": { type: "string", maxLength: 50, description: "The schema.org type." },
  },
  additionalProperties: true,
};

const oembedXml: JsonObject = {
  type: "string",
  maxLength: 40_000,
  description: "oEmbed 1.0's XML format: each field of the JSON response as an element of <oembed>, its value escaped.",
  examples: [
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed><type>rich</type><version>1.0</version><title>Russia</title><provider_name>Geopolitical Knowledge Base API</provider_name><provider_url>https://kb.example.org</provider_url><cache_age>3600</cache_age><html>&lt;iframe src=&quot;https://kb.example.org/embed/actors/russia&quot; width=&quot;520&quot; height=&quot;560&quot; title=&quot;Russia&quot; style=&quot;border:0&quot; loading=&quot;lazy&quot;&gt;&lt;/iframe&gt;</html><width>520</width><height>560</height></oembed>\n',
  ],
};

const count = { type: "integer", format: "int32", minimum: 0, maximum: 2_147_483_647 };
const responseHeaders = {
  "Retry-After": { description: "Seconds to wait before retrying.", schema: count },
  "RateLimit-Limit": { description: "Requests allowed in the current window.", schema: count },
  "RateLimit-Remaining": { description: "Requests left in the current window.", schema: count },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: count },
  "KB-Revision": {
    description: "The revision of the knowledge base the answer shows: the one `asOf` names, or the current one.",
    schema: count,
  },
  "Access-Control-Allow-Origin": {
    description: "Who may read the response cross-origin: `*`, or the requesting origin when CORS_ORIGINS lists it.",
    schema: { type: "string", maxLength: 2_000 },
  },
};
type HeaderName = keyof typeof responseHeaders;
const problemHeaders: Record<string, HeaderName[]> = {
  429: ["Retry-After"],
  503: ["Retry-After"],
};
const rateLimitHeaders: HeaderName[] = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];
/** The probes and metrics, which load balancers and scrapers call at their own pace. */
const unmeteredOperations = ["getLiveness", "getReadiness", "getMetrics"];
/** The OWASP ruleset asks each server to say what it is for and whether it is internal (api9: inventory). */
const servers = [
  {
    url: "/",
    description: "The server this document is served from (production or a local development instance)",
    "x-internal": false,
  },
];

/**
 * The headers a response of an operation carries: CORS on every one, the
 * rate limit's on metered 2xx and 4xx, the revision on a read's 2xx.
 */
function headersOf(operationId: string, status: string, readsAsOf: boolean): HeaderName[] {
  const metered = !unmeteredOperations.includes(operationId) && /^[24]/.test(status);
  return [
    "Access-Control-Allow-Origin",
    ...(readsAsOf && /^2/.test(status) ? (["KB-Revision"] as const) : []),
    ...(problemHeaders[status] ?? []),
    ...(metered ? rateLimitHeaders : []),
  ];
}

/** The public reads under /v1 (src/plugins/as-of.ts): every GET there that needs no key. */
const readsAsOf = (path: string, method: string, operation: JsonObject) =>
  method === "get" && /^\/v1(?:\/|$)/.test(path) && operation.security === undefined;

/**
 * Finishes the generated document: error responses are problem+json, every
 * response has a real description, and only components in use are kept
 * (the generator emits an input and an output copy of each).
 */
function polish(generated: OpenApiDocument): OpenApiDocument {
  const document = generated as DocumentShape;
  const schemas = (document.components?.schemas ?? {}) as Record<string, JsonObject>;
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  const sameAsOutput = Object.keys(schemas).filter(
    (name) =>
      name.endsWith("Input") &&
      JSON.stringify(schemas[name]) === JSON.stringify(schemas[name.slice(0, -"Input".length)]),
  );
  const paths = JSON.parse(
    JSON.stringify(document.paths ?? {}).replace(/"#\/components\/schemas\/(\w+)Input"/g, (ref, base: string) =>
      sameAsOutput.includes(`${base}Input`) ? `"#/components/schemas/${base}"` : ref,
    ),
  ) as Record<string, unknown>;
  for (const [pathName, path] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(path ?? {}) as [string, JsonObject][]) {
      const asOf = readsAsOf(pathName, method, operation);
      if (asOf)
        operation.parameters = [
          ...((operation.parameters as unknown[]) ?? []),
          { $ref: "#/components/parameters/AsOf" },
        ];
      const responses = (operation.responses ?? {}) as Record<string, JsonObject>;
      const ok = responses["200"]?.content as Record<string, unknown> | undefined;
      // Streamed text formats share the operation's one response schema in the generator; they are text.
      for (const textType of ["application/x-ndjson", "text/csv"]) {
        if (ok?.[textType]) ok[textType] = { schema: { type: "string" } };
      }
      // oEmbed's XML is the same fields as elements of <oembed>: text, not the JSON object.
      if (ok?.["text/xml"]) ok["text/xml"] = { schema: oembedXml };
      if (ok && linkedDataOperations.includes(operation.operationId as string)) {
        ok["application/ld+json"] = { schema: { $ref: "#/components/schemas/JsonLdDocument" } };
        schemas.JsonLdDocument = jsonLdDocument;
      }
      for (const [status, response] of Object.entries(responses)) {
        const content = response.content as Record<string, { schema?: JsonObject }> | undefined;
        // An operation that produces another type (metrics: text/plain) still errs in problem+json.
        const json =
          content?.["application/json"] ?? (Number(status) >= 400 ? Object.values(content ?? {})[0] : undefined);
        const ref = typeof json?.schema?.$ref === "string" ? json.schema.$ref.split("/").at(-1) : undefined;
        response.headers = Object.fromEntries(
          headersOf(String(operation.operationId), status, asOf).map((name) => [
            name,
            { $ref: `#/components/headers/${name}` },
          ]),
        );
        if (Number(status) >= 400 && content && json) {
          response.content = { "application/problem+json": json };
          response.description = STATUS_CODES[Number(status)] ?? "Error";
        } else if (response.description === "Default Response") {
          response.description = (ref && (schemas[ref]?.description as string | undefined)) ?? "OK";
        }
      }
    }
  }
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
        const name = value.slice("#/components/schemas/".length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(paths);
  return {
    ...generated,
    servers,
    paths,
    components: {
      ...document.components,
      headers: responseHeaders,
      parameters: { AsOf: asOfParameter },
      schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))),
    },
  } as OpenApiDocument;
}
