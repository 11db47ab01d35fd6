// The OWASP API Security Top 10 (2023), item by item, as it applies to this
// API: public reads, key-authenticated imports, keys managed only by the CLI.
import { once } from "node:events";
import { createServer } from "node:http";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey, revokeApiKey } from "../../src/auth/api-keys.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { createSeededDatabase, type TestDatabase } from "../helpers/test-database.js";

/** The full paths of Fastify's route tree (printRoutes draws each level 4 columns deeper). */
function servedRoutes(tree: string): string[] {
  const stack: string[] = [];
  const paths: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^([│ ]*)[├└]── (\S+) \(/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    stack.length = depth;
    stack.push(match[2] ?? "");
    paths.push(stack.join(""));
  }
  return paths;
}

const fixture = bundleFixture;

describe("OWASP API Security Top 10 (2023)", () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const keys: Record<"importerA" | "importerB" | "auditor", { id: string; token: string }> = {} as never;
  const bearer = (name: keyof typeof keys) => `Bearer ${keys[name].token}`;
  const post = (body: unknown, authorization = bearer("importerA")) =>
    request(app.server)
      .post("/v1/imports")
      .set("authorization", authorization)
      .send(body as object);

  beforeAll(async () => {
    database = await createSeededDatabase("sqlite");
    app = await buildApp({
      databaseUrl: database.url,
      revisionPollMs: 0,
      importMaxBytes: 16 * 1024,
      rateLimit: { perAddress: 1_000, perKey: 8, windowMs: 60_000 },
    });
    await app.ready();
    keys.importerA = await createApiKey(app.db.prisma, "importer A", ["write"]);
    keys.importerB = await createApiKey(app.db.prisma, "importer B", ["write"]);
    keys.auditor = await createApiKey(app.db.prisma, "auditor", ["read"]);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("API1 Broken Object Level Authorization: an importer sees its own import reports, not another's", async () => {
    const mine = await post(fixture()).expect(201);
    const url = `/v1/imports/${mine.body.id}`;
    expect(mine.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await request(app.server).get(url).set("authorization", bearer("importerA")).expect(200);
    const other = await request(app.server).get(url).set("authorization", bearer("importerB")).expect(404);
    expect(other.body.detail).toBe(`No import has the id "${mine.body.id}".`);
    await request(app.server).get(url).set("authorization", bearer("auditor")).expect(200);
  });

  it("API2 Broken Authentication: only a valid, unrevoked key authenticates, and secrets are stored hashed", async () => {
    const revoked = await createApiKey(app.db.prisma, "leaked", ["write"]);
    const own = fixture();
    own.document.id = "leaked-key-note";
    await post(own, `Bearer ${revoked.token}`).expect(201);
    await revokeApiKey(app.db.prisma, revoked.id);
    for (const authorization of [
      `Bearer ${revoked.token}`,
      `Bearer ${keys.importerA.token.slice(0, -1)}x`,
      `Bearer ${keys.importerA.id}`,
      `Basic ${Buffer.from(`${keys.importerA.id}:x`).toString("base64")}`,
      "Bearer",
      `bearer  ${keys.importerA.token}`,
    ]) {
      const refused = await post(fixture(), authorization).expect(401);
      expect(refused.headers["www-authenticate"]).toBe('Bearer realm="kb"');
    }
    const stored = await app.db.prisma.apiKey.findMany();
    const secrets = [keys.importerA, keys.importerB, keys.auditor, revoked].map((key) => key.token.split(".")[1]);
    for (const row of stored) {
      for (const secret of secrets) expect(JSON.stringify(row)).not.toContain(secret);
      expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("API3 Broken Object Property Level Authorization: imports cannot set server-owned fields, responses expose none", async () => {
    for (const bundle of [
      { ...fixture(), revision: 99 },
      { ...fixture(), document: { ...fixture().document, createdAt: "2000-01-01T00:00:00Z" } },
      { ...fixture(), claims: fixture().claims.map((c: object) => ({ ...c, start: 0, end: 5 })) },
      { ...fixture(), apiKeys: [{ id: "x", scopes: "write" }] },
    ]) {
      const refused = await post(bundle).expect(400);
      expect(refused.body).toMatchObject({ type: "/problems/invalid-content", title: "Invalid content" });
    }
    const report = await post(fixture()).expect(201);
    expect(Object.keys(report.body).sort()).toEqual([
      "changed",
      "createdAt",
      "id",
      "revision",
      "sourceId",
      "statements",
      "tables",
    ]);
    const audited = await request(app.server)
      .get(`/v1/imports/${report.body.id}`)
      .set("authorization", bearer("auditor"))
      .expect(200);
    expect(JSON.stringify(audited.body)).not.toMatch(/keyId|secret|importer/i);
  });

  it("API4 Unrestricted Resource Consumption: page sizes, query lengths, bodies and record counts are bounded", async () => {
    await request(app.server).get("/v1/claims?limit=101").expect(400);
    await request(app.server)
      .get(`/v1/search?q=${"a".repeat(201)}`)
      .expect(400);
    await request(app.server)
      .get(`/v1/claims?cursor=${"A".repeat(501)}`)
      .expect(400);
    const oversized = await post({ ...fixture(), padding: "x".repeat(20_000) }).expect(413);
    expect(oversized.headers["content-type"]).toMatch(/problem\+json/);
    // The cap on records per bundle (5,000) is proven in tests/modules/imports.test.ts.
  });

  it("API5 Broken Function Level Authorization: a read key cannot write, and keys cannot be managed over HTTP", async () => {
    const forbidden = await post(fixture(), bearer("auditor")).expect(403);
    expect(forbidden.body.title).toBe("Forbidden");
    for (const [method, url] of [
      ["post", "/v1/keys"],
      ["get", "/v1/keys"],
      ["delete", `/v1/keys/${keys.importerA.id}`],
      ["delete", "/v1/imports"],
      ["put", "/v1/claims/reason-lack-of-progress"],
      ["delete", "/v1/actors/europe"],
      ["patch", "/v1/implications/ukraine-weakened-negotiating-position"],
    ] as const) {
      const response = await request(app.server)[method](url).set("authorization", bearer("importerA"));
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.headers["content-type"]).toMatch(/problem\+json/);
    }
  });

  it("API6 Unrestricted Access to Sensitive Business Flows: imports are metered per key", async () => {
    const flood = await createApiKey(app.db.prisma, "flood", ["write"]);
    const statuses: number[] = [];
    const own = fixture();
    own.document.id = "flood-note";
    for (let i = 0; i < 10; i++) statuses.push((await post(own, `Bearer ${flood.token}`)).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(201));
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it("API7 Server Side Request Forgery: a bundle's URLs are stored, never fetched", async () => {
    let fetched = 0;
    const internal = createServer((_req, res) => {
      fetched++;
      res.end("secret");
    }).listen(0, "127.0.0.1");
    await once(internal, "listening");
    const { port } = internal.address() as { port: number };
    const bundle = fixture();
    bundle.document.url = `http://127.0.0.1:${port}/admin`;
    bundle.document.id = "internal-url-note";
    await post(bundle, bearer("importerB")).expect(201);
    internal.close();
    expect(fetched).toBe(0);
    const stored = await request(app.server).get("/v1/sources/internal-url-note").expect(200);
    expect(stored.body.url).toBe(`http://127.0.0.1:${port}/admin`);
  });

  it("API8 Security Misconfiguration: hardened headers, no stack traces, no credentialed or cross-origin writes", async () => {
    const read = await request(app.server).get("/v1/actors/europe").expect(200);
    expect(read.headers["x-powered-by"]).toBeUndefined();
    expect(read.headers["x-content-type-options"]).toBe("nosniff");
    expect(read.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(read.headers["access-control-allow-credentials"]).toBeUndefined();
    const preflight = await request(app.server)
      .options("/v1/imports")
      .set("origin", "https://evil.example")
      .set("access-control-request-method", "POST");
    expect(preflight.headers["access-control-allow-methods"] ?? "").not.toContain("POST");
    // A key of its own: the request is counted against the key before its body is read.
    const malformedKey = await createApiKey(app.db.prisma, "malformed bodies", ["write"]);
    const malformed = await request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${malformedKey.token}`)
      .set("content-type", "application/json")
      .send('{"document": ')
      .expect(400);
    expect(JSON.stringify(malformed.body)).not.toMatch(/node_modules|at .*\.js:\d+|stack/);
    await request(app.server).trace("/v1/actors").expect(404);
  });

  it("API9 Improper Inventory Management: every route served is in the OpenAPI document, all under a version", async () => {
    const documented = Object.keys((await request(app.server).get("/openapi.json").expect(200)).body.paths);
    const served = servedRoutes(app.printRoutes({ commonPrefix: false })).map((path) =>
      path.replace(/:(\w+)/g, "{$1}"),
    );
    expect(served).toContain("/v1/actors/{id}/implications");
    // The site's pages for people (src/modules/pages, listed in the README) are not the API.
    const site = /^\/(?:$|search$|(?:actors|events|claims|implications|sources)\/\{id\}$)/;
    const undocumented = served.filter(
      (path) =>
        !documented.includes(path) && !/^\/(docs|openapi\.json)/.test(path) && !site.test(path) && !path.endsWith("*"),
    );
    expect(undocumented).toEqual([]);
    // Versioned data under /v1; pages for people (cards, oEmbed, reader pages) and the operational endpoints (probes, metrics) at the root.
    for (const path of documented)
      expect(path).toMatch(/^\/(v1$|v1\/|embed\/|read\/|oembed$|healthz$|readyz$|metrics$)/);
  });

  it("API10 Unsafe Consumption of APIs: imported third-party content is validated and served inert", async () => {
    const bundle = fixture();
    const payload = "<img src=x onerror=alert(1)>";
    bundle.document.id = "hostile-markup-note";
    bundle.document.text = `${bundle.document.text} ${payload} hostile markup here.`;
    bundle.document.evidence = [payload];
    bundle.claims[0].id = "fact-hostile-markup";
    bundle.claims[0].text = `A claim quoting ${payload}`;
    bundle.claims[0].evidence = [`${payload} hostile markup`];
    bundle.claims = [bundle.claims[0]];
    bundle.implications = [];
    await post(bundle, bearer("importerB")).expect(201);
    const claim = await request(app.server).get("/v1/claims/fact-hostile-markup").expect(200);
    expect(claim.headers["content-type"]).toMatch(/^application\/json/);
    expect(claim.body.text).toBe(`A claim quoting ${payload}`);
    const hits = await request(app.server).get("/v1/search?q=onerror").expect(200);
    for (const hit of hits.body.data) expect(hit.snippet).not.toContain("<img");

    const forged = fixture();
    forged.document.id = "forged-quotes";
    forged.claims[0].evidence = ["a passage the document does not contain"];
    const refused = await post(forged, bearer("importerB")).expect(400);
    expect(refused.body.invalidParams[0].reason).toMatch(/verbatim|not found|does not occur/i);
  });
});
