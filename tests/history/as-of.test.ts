// Reads as of a past revision: after an import, an update and a deletion,
// every read asked `asOf` a revision answers exactly what it answered when
// that revision was current (records created later absent, later updates
// undone, deleted records back), says which revision it shows, and is cached
// as immutable; `asOf` an instant names the revision of then. Hostile values
// are problems. On both databases.
import request from "supertest";
import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.js";
import { immutableCacheControl } from "../../src/plugins/response-cache.js";
import { useTestApp } from "../helpers/api.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { describeEachDatabase } from "../helpers/test-database.js";

const note = bundleFixture();
const [claim] = note.claims;
const updatedText = "Ukraine said it welcomed the package.";

/** Reads whose answers depend on every kind of record, link, evidence, the search index and the change feed. */
const reads = [
  "/v1/claims?limit=100",
  `/v1/claims/${claim.id}`,
  "/v1/actors?limit=100",
  "/v1/actors/ukraine",
  "/v1/actors/ukraine/claims?limit=100",
  "/v1/events?limit=100",
  "/v1/implications?limit=100",
  "/v1/sources?limit=100",
  `/v1/sources/${note.document.id}`,
  `/v1/sources/${note.document.id}/assertions?limit=100`,
  `/v1/sources/${note.document.id}/evidence?limit=100`,
  "/v1/timeline?limit=100",
  "/v1/search?q=sanctions&limit=100",
  "/v1/search?q=welcomed&limit=100",
  "/v1/changes?since=0&limit=500",
  "/v1/export?format=json",
];

const withAsOf = (url: string, asOf: number | string) =>
  `${url}${url.includes("?") ? "&" : "?"}asOf=${encodeURIComponent(String(asOf))}`;

describeEachDatabase("reads as of a revision", (provider) => {
  const api = useTestApp(provider, { rateLimit: false });
  let token: string;
  beforeAll(async () => {
    token = (await createApiKey(api.app().db.prisma, "history", ["write"])).token;
  });
  const post = async (body: object) =>
    (await request(api.app().server).post("/v1/imports").set("authorization", `Bearer ${token}`).send(body)).body
      .revision as number;
  /** What each read answers now: status and body. */
  const answers = async (asOf?: number | string) => {
    const result: Record<string, { status: number; body: unknown }> = {};
    for (const url of reads) {
      const response = await api.get(asOf === undefined ? url : withAsOf(url, asOf));
      // A problem's instance is the URL asked, asOf included. Search scores use
      // the number of documents ever indexed, which a past revision's own index counts anew.
      const { instance: _, ...body } = response.body;
      if (url.startsWith("/v1/search")) for (const hit of body.data) delete hit.score;
      result[url] = { status: response.status, body };
    }
    return result;
  };
  const seen = new Map<number, Awaited<ReturnType<typeof answers>>>();
  const times: Date[] = [];

  it("answers each earlier revision as it answered then, after an import, an update and a deletion", async () => {
    const seeded = Number((await api.get("/v1/claims?limit=1").expect(200)).headers["kb-revision"]);
    seen.set(seeded, await answers());
    times.push(new Date());

    const imported = await post(note);
    seen.set(imported, await answers());
    times.push(new Date());
    const updated = await post({ ...note, claims: [{ ...claim, text: updatedText }, ...note.claims.slice(1)] });
    seen.set(updated, await answers());
    times.push(new Date());
    const removed = await post({ ...note, claims: [], implications: [], positions: [] });
    seen.set(removed, await answers());
    expect([imported, updated, removed]).toEqual([seeded + 1, seeded + 2, seeded + 3]);

    // Created later: absent before; updated later: undone; deleted since: back.
    await api.get(withAsOf(`/v1/claims/${claim.id}`, seeded)).expect(404);
    expect((await api.get(withAsOf(`/v1/claims/${claim.id}`, imported)).expect(200)).body.text).toBe(claim.text);
    expect((await api.get(withAsOf(`/v1/claims/${claim.id}`, updated)).expect(200)).body.text).toBe(updatedText);
    await api.get(`/v1/claims/${claim.id}`).expect(404);

    // Every read, at every revision, answers now what it answered then.
    for (const [revision, then] of seen) expect(await answers(revision), `asOf=${revision}`).toEqual(then);
  });

  it("says which revision it shows, and caches a past revision's answer as immutable", async () => {
    const url = withAsOf("/v1/claims?limit=5", 1);
    const first = await api.get(url).expect(200);
    expect(first.headers["kb-revision"]).toBe("1");
    expect(first.headers["cache-control"]).toBe(immutableCacheControl);
    expect(first.headers.etag).toMatch(/^"1-/);
    const again = await api.get(url).expect(200);
    expect(again.headers["x-cache"]).toBe("HIT");
    expect(again.body).toEqual(first.body);
    const unchanged = await api.get(url).set("if-none-match", first.headers.etag as string);
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers["cache-control"]).toBe(immutableCacheControl);

    const current = await api.get("/v1/claims?limit=5").expect(200);
    expect(current.headers["kb-revision"]).toBe(String(Math.max(...seen.keys())));
    expect(current.headers["cache-control"]).toBe("public, no-cache");
    expect(current.headers["access-control-expose-headers"]).toMatch(/kb-revision/);
  });

  it("answers asOf in every representation and method a read has: JSON-LD, HEAD, an odd Host", async () => {
    const url = withAsOf(`/v1/claims/${claim.id}`, 2);
    const linked = await api.get(url).set("accept", "application/ld+json").set("host", "evil.example:1").expect(200);
    expect(linked.headers["content-type"]).toMatch(/^application\/ld\+json/);
    expect(linked.headers["kb-revision"]).toBe("2");
    expect(linked.headers["cache-control"]).toBe(immutableCacheControl);
    expect(JSON.stringify(linked.body)).not.toContain("evil.example");
    // The JSON-LD answer is cached apart from the JSON one.
    const json = await api.get(url).set("accept", "application/json").expect(200);
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
    expect(json.body.text).toBe(claim.text);
    const head = await request(api.app().server).head(url).expect(200);
    expect(head.headers["kb-revision"]).toBe("2");
  });

  it("reads asOf an instant as the revision the knowledge base stood at then", async () => {
    const revisions = [...seen.keys()];
    for (const [i, time] of times.entries()) {
      const response = await api.get(withAsOf(`/v1/claims/${claim.id}`, time.toISOString()));
      expect(response.headers["kb-revision"], time.toISOString()).toBe(String(revisions[i]));
      expect(response.status).toBe(seen.get(revisions[i] as number)?.[`/v1/claims/${claim.id}`]?.status);
    }
    // Before the first write: the empty knowledge base.
    const before = await api.get(withAsOf("/v1/claims", "2000-01-01T00:00:00+02:00")).expect(200);
    expect(before.headers["kb-revision"]).toBe("0");
    expect(before.body.data).toEqual([]);
  });

  it("refuses asOf values that name no revision with a problem, and takes it only on public reads", async () => {
    const current = Math.max(...seen.keys());
    const hostile = [
      "",
      "-1",
      "1.5",
      "1e3",
      "0x10",
      String(current + 1),
      "2147483648",
      "99999999999",
      "%ED%A0%80",
      "%00",
      "x".repeat(5_000),
      "2026-13-45T00:00:00Z",
      "2026-12-07T12:00:00",
      "2026-12-07",
      "3000-01-01T00:00:00Z",
    ];
    for (const value of hostile) {
      const response = await api.get(`/v1/claims?asOf=${value}`);
      expect(response.status, value.slice(0, 20)).toBe(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.body.invalidParams, value.slice(0, 20)).toEqual([
        expect.objectContaining({ in: "query", name: "asOf" }),
      ]);
    }
    await api.get("/v1/claims?asOf=1&asOf=2").expect(400);
    await api.get("/v1/claims?asOf[x]=1").expect(400);
    // A client's own import report is not knowledge: the parameter is unknown there.
    const imports = await api.get("/v1/imports/x?asOf=1");
    expect(imports.status).toBeGreaterThanOrEqual(400);
    expect(imports.status).toBeLessThan(500);
  });
});
