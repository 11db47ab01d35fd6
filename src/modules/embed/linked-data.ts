// Content negotiation for linked data: a single record asked for with
// `Accept: application/ld+json` comes back as JSON-LD (schema.org + PROV-O)
// instead of the API's JSON. Registered before the response cache, so the
// cache keeps each representation under its own Accept variant.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { wantsJsonLd } from "../../http/representation.js";
import { type JsonLdRecord, toJsonLd } from "./json-ld.js";

/** The routes with a JSON-LD representation, and the record type each serves. */
const recordRoutes: Record<string, JsonLdRecord["type"]> = {
  "/v1/actors/:id": "actors",
  "/v1/events/:id": "events",
  "/v1/claims/:id": "claims",
  "/v1/implications/:id": "implications",
  "/v1/sources/:id": "sources",
};

export default fp(
  async (app: FastifyInstance) => {
    app.addHook("onSend", (request, reply, payload, done) => {
      const type = recordRoutes[request.routeOptions.url ?? ""];
      if (!type) return done(null, payload);
      reply.header("vary", "Accept");
      if (reply.statusCode !== 200 || typeof payload !== "string" || !wantsJsonLd(request.headers.accept))
        return done(null, payload);
      // A cache hit is already JSON-LD.
      if (String(reply.getHeader("content-type")).startsWith("application/ld+json")) return done(null, payload);
      const record = JSON.parse(payload) as JsonLdRecord["record"];
      const document = toJsonLd({ type, record } as JsonLdRecord, app.baseUrlOf(request));
      reply.type("application/ld+json; charset=utf-8");
      done(null, JSON.stringify(document));
    });
  },
  { name: "linked-data", dependencies: ["public-url"] },
);
