// @geopolitics-kb/client: a typed client for the knowledge-base API, generated
// from openapi/openapi.json (`npm run client` regenerates schema.d.ts) and
// driven by openapi-fetch, with `paginate` to walk every page of a list.
import createClient, { type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };
export type Actor = components["schemas"]["Actor"];
export type Event = components["schemas"]["Event"];
export type Claim = components["schemas"]["Claim"];
export type Implication = components["schemas"]["Implication"];
export type Source = components["schemas"]["Source"];
export type Evidence = components["schemas"]["Evidence"];
/** The body of every error: an RFC 9457 problem. */
export type Problem = components["schemas"]["Problem"];

/** An error answer of the API, thrown by `paginate`; the other methods return it as `error`. */
export class KbProblemError extends Error {
  override name = "KbProblemError";
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
  }
}

type JsonOf<R> = R extends { content: { "application/json": infer Body } } ? Body : never;
type OkBody<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? JsonOf<R> : never;

/** The paths whose GET answers a page: `{ data: [...], page: { nextCursor } }`. */
export type ListPath = {
  [P in keyof paths]: OkBody<P> extends { data: unknown[]; page: { nextCursor: string | null } } ? P : never;
}[keyof paths];

/** What one item of a list is. */
export type ItemOf<P extends ListPath> = OkBody<P> extends { data: (infer Item)[] } ? Item : never;

type ParametersOf<P extends ListPath> = paths[P] extends { get: { parameters: infer Parameters } } ? Parameters : never;
/** A list's parameters, less the cursor, which `paginate` sets page by page. */
export type PageParameters<P extends ListPath> = {
  [K in keyof ParametersOf<P>]: K extends "query"
    ? Omit<NonNullable<ParametersOf<P>[K]>, "cursor">
    : ParametersOf<P>[K];
};

/**
 * A client for the API at `baseUrl`. Typed for the API's JSON: single records
 * are also served as JSON-LD (`Accept: application/ld+json`), for which use
 * fetch, or `createClient<paths, "application/ld+json">` from openapi-fetch.
 */
export function createKbClient(baseUrl: string, options: Omit<ClientOptions, "baseUrl"> = {}) {
  const client = createClient<paths, "application/json" | "application/problem+json">({ ...options, baseUrl });
  // The generic GET cannot be named for every list at once; `paginate`'s own signature is the typed one.
  const get = client.GET as unknown as (
    path: string,
    init: { params: Record<string, unknown> },
  ) => Promise<{ data?: { data: unknown[]; page: { nextCursor: string | null } }; error?: Problem }>;

  /** Every item of every page of a list, fetched a page at a time as the loop asks for them. */
  async function* paginate<P extends ListPath>(
    path: P,
    init: { params?: PageParameters<P> } = {},
  ): AsyncGenerator<ItemOf<P>, void, undefined> {
    const params = (init.params ?? {}) as { query?: Record<string, unknown> };
    let cursor: string | undefined;
    do {
      const { data, error } = await get(path, { params: { ...params, query: { ...params.query, cursor } } });
      if (error || !data) throw new KbProblemError(error ?? unexpected());
      yield* data.data as ItemOf<P>[];
      cursor = data.page.nextCursor ?? undefined;
    } while (cursor);
  }

  return Object.assign(client, { paginate });
}

function unexpected(): Problem {
  return {
    type: "about:blank",
    title: "Unexpected answer",
    status: 0,
    detail: "The API answered without a body.",
    instance: "",
  };
}
