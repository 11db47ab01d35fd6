// A typed client for the API, generated from openapi/openapi.json
// (`npm run client` regenerates schema.d.ts) and driven by openapi-fetch.
import createClient, { type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };
export type Actor = components["schemas"]["Actor"];
export type Implication = components["schemas"]["Implication"];
export type Claim = components["schemas"]["Claim"];
export type Evidence = components["schemas"]["Evidence"];

/**
 * Typed for the API's JSON. Single records are also served as JSON-LD
 * (`Accept: application/ld+json`); ask for that with fetch, or with
 * `createClient<paths, "application/ld+json">` from openapi-fetch.
 */
export function createKbClient(options: ClientOptions & { baseUrl: string }) {
  return createClient<paths, "application/json" | "application/problem+json">(options);
}
