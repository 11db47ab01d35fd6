// supertest against an app built by buildApp() on its own seeded database.
import request from "supertest";
import { afterAll, beforeAll, expect } from "vitest";
import type { Provider } from "../../src/db/schema-files.js";
import { createTestApp } from "./test-database.js";

/** Registers before/after hooks and returns a getter for a supertest agent on the app. */
export function useTestApp(provider: Provider, options: Parameters<typeof createTestApp>[1] = {}) {
  let testApp: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    testApp = await createTestApp(provider, options);
  });
  afterAll(async () => {
    await testApp?.close();
  });
  return {
    get: (url: string) => request(testApp.app.server).get(url),
    app: () => testApp.app,
  };
}

/** Follows nextCursor from `url` to the end, returning every item. */
export async function walk(get: (url: string) => request.Test, url: string): Promise<{ id: string }[]> {
  const items: { id: string }[] = [];
  let next: string | null = url;
  while (next) {
    const response: request.Response = await get(next).expect(200);
    items.push(...response.body.data);
    const cursor: string | null = response.body.page.nextCursor;
    next = cursor ? `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}` : null;
  }
  return items;
}

/** The ids of the records of `type` that search finds matching every word of `q`: what a list's `q` filter must keep. */
export async function searchMatches(get: (url: string) => request.Test, q: string, type: string): Promise<string[]> {
  const hits = (await walk(get, `/v1/search?q=${encodeURIComponent(q)}&type=${type}&limit=100`)) as {
    id: string;
    complete?: boolean;
  }[];
  return hits.filter((hit) => hit.complete).map((hit) => hit.id);
}

/**
 * Walks `url` two records a page and expects exactly the ids of `expected`, in
 * its order. `expected` must hold more than one record and fewer than `all`:
 * a case that selects none or every one proves nothing about a filter.
 */
export async function expectWalkedIds(
  get: (url: string) => request.Test,
  url: string,
  expected: { id: string }[],
  all: number,
): Promise<void> {
  expect(expected.length, url).toBeGreaterThan(1);
  expect(expected.length, url).toBeLessThan(all);
  const walked = await walk(get, `${url}${url.includes("?") ? "&" : "?"}limit=2`);
  expect(
    walked.map((record) => record.id),
    url,
  ).toEqual(expected.map((record) => record.id));
}
