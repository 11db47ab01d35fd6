// Authenticated, transactional, idempotent imports of content bundles.
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey, revokeApiKey } from "../../src/auth/api-keys.js";
import { seedDatabase } from "../../src/content/seed.js";
import { writeDocuments } from "../../src/content/write-documents.js";
import { ContentBundle, maxBundleRecords } from "../../src/modules/imports/schemas.js";
import { importBundle } from "../../src/modules/imports/service.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

type Bundle = {
  document: { id: string; text: string; [key: string]: unknown };
  actors: Record<string, unknown>[];
  claims: { id: string; text: string; evidence: string[]; about: string[]; [key: string]: unknown }[];
  [key: string]: unknown;
};
const fixture = () => bundleFixture() as Bundle;

describeEachDatabase("imports API", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let writeKey: string;
  let readKey: string;
  /** POSTs a bundle with the write key, another key, or (null) none. */
  const post = (body: unknown, key: string | null = writeKey) => {
    const req = request(app.server).post("/v1/imports");
    return (key ? req.set("authorization", `Bearer ${key}`) : req).send(body as object);
  };

  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, importMaxBytes: 64 * 1024 });
    await app.ready();
    writeKey = (await createApiKey(app.db.prisma, "importer", ["write"])).token;
    readKey = (await createApiKey(app.db.prisma, "auditor", ["read"])).token;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("refuses a write without a key (401), with a bad key (401) and without the scope (403)", async () => {
    const none = await post(fixture(), null)
      .expect(401)
      .expect("content-type", /problem\+json/);
    expect(none.headers["www-authenticate"]).toBe('Bearer realm="kb"');
    await post(fixture(), "kb_0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").expect(401);
    await post(fixture(), "not-a-key").expect(401);
    const forbidden = await post(fixture(), readKey).expect(403);
    expect(forbidden.body).toMatchObject({ status: 403, title: "Forbidden" });
  });

  it("imports a bundle, referencing existing actors, and reports what it created", async () => {
    const response = await post(fixture()).expect(201);
    expect(response.headers.location).toBe(`/v1/imports/${response.body.id}`);
    expect(response.body).toMatchObject({ sourceId: "eu-sanctions-note-2026", changed: true, revision: 2 });
    expect(response.body.tables.claims).toEqual({ created: 2, updated: 0, unchanged: 0, deleted: 0 });
    expect(response.body.tables.actors).toEqual({ created: 1, updated: 0, unchanged: 0, deleted: 0 });

    const claims = await request(app.server).get("/v1/actors/russia/claims?kind=statement").expect(200);
    expect(claims.body.data.map((c: { id: string }) => c.id)).toContain("statement-moscow-calls-sanctions-hostile");
    const claim = await request(app.server).get("/v1/claims/statement-ukraine-welcomes-eu-sanctions").expect(200);
    expect(claim.body.evidence[0]).toMatchObject({
      source: { id: "eu-sanctions-note-2026" },
      quote: "Ukraine welcomed the decision",
      start: 83,
      end: 112,
    });
    const hits = await request(app.server).get("/v1/search?q=hostile").expect(200);
    expect(hits.body.data.map((h: { id: string }) => h.id)).toContain("statement-moscow-calls-sanctions-hostile");
  });

  it("changes nothing when the same bundle comes twice", async () => {
    const again = await post(fixture()).expect(201);
    expect(again.body.changed).toBe(false);
    expect(
      Object.values(again.body.tables).every(
        (t) => (t as { created: number; updated: number }).created + (t as { updated: number }).updated === 0,
      ),
    ).toBe(true);
  });

  it("updates a corrected record in place", async () => {
    const bundle = fixture();
    bundle.claims[0] = {
      ...bundle.claims[0],
      text: "Ukraine welcomed the new EU sanctions package.",
    } as Bundle["claims"][number];
    const response = await post(bundle).expect(201);
    expect(response.body.tables.claims).toEqual({ created: 0, updated: 1, unchanged: 1, deleted: 0 });
    const claim = await request(app.server).get("/v1/claims/statement-ukraine-welcomes-eu-sanctions").expect(200);
    expect(claim.body.text).toBe("Ukraine welcomed the new EU sanctions package.");
  });

  it("shows a past import's report to a key with read or write access", async () => {
    const created = await post(fixture()).expect(201);
    const url = `/v1/imports/${created.body.id}`;
    await request(app.server).get(url).expect(401);
    const report = await request(app.server).get(url).set("authorization", `Bearer ${readKey}`).expect(200);
    expect(report.body).toEqual(created.body);
    await request(app.server).get(url).set("authorization", `Bearer ${writeKey}`).expect(200);
    expect(report.headers["x-cache"]).toBeUndefined();
    await request(app.server)
      .get("/v1/imports/00000000-0000-0000-0000-000000000000")
      .set("authorization", `Bearer ${readKey}`)
      .expect(404);
  });

  it("rejects a quote that is not verbatim in the document, naming its path", async () => {
    const bundle = fixture();
    bundle.claims[0] = { ...bundle.claims[0], evidence: ["Ukraine cheered the decision"] } as Bundle["claims"][number];
    const response = await post(bundle)
      .expect(400)
      .expect("content-type", /problem\+json/);
    expect(response.body.invalidParams).toEqual([
      expect.objectContaining({
        in: "body",
        name: "claims.0.evidence.0",
        reason: expect.stringMatching(/not verbatim/),
      }),
    ]);
  });

  it("rejects a reference to an actor that exists nowhere", async () => {
    const bundle = fixture();
    bundle.claims[1] = { ...bundle.claims[1], about: ["atlantis"] } as Bundle["claims"][number];
    const response = await post(bundle).expect(400);
    expect(response.body.invalidParams[0]).toMatchObject({
      in: "body",
      name: "claims.1.about.0",
      reason: expect.stringMatching(/unknown actor id "atlantis"/),
    });
  });

  it("rejects fields the format does not have (no mass assignment)", async () => {
    const response = await post({ ...fixture(), revision: 999 }).expect(400);
    expect(response.body.invalidParams[0]).toMatchObject({ in: "body", reason: expect.stringMatching(/revision/) });
    const bundle = fixture();
    bundle.actors[0] = { ...bundle.actors[0], createdAt: "1999-01-01T00:00:00Z" };
    const nested = await post(bundle).expect(400);
    expect(nested.body.invalidParams[0]).toMatchObject({
      in: "body",
      name: "actors.0",
      reason: expect.stringMatching(/createdAt/),
    });
  });

  it("refuses bodies over the size limit with 413 and non-JSON bodies with 415", async () => {
    const bundle = fixture();
    bundle.document.text = `${bundle.document.text} ${"x".repeat(70 * 1024)}`;
    const large = await post(bundle)
      .expect(413)
      .expect("content-type", /problem\+json/);
    expect(large.body.status).toBe(413);
    await request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${writeKey}`)
      .set("content-type", "application/xml")
      .send("<bundle/>")
      .expect(415);
  });

  it("refuses a revoked key", async () => {
    const key = await createApiKey(app.db.prisma, "temporary", ["write"]);
    await revokeApiKey(app.db.prisma, key.id);
    await post(fixture(), key.token).expect(401);
  });

  it("stores keys only as hashes", async () => {
    const key = await createApiKey(app.db.prisma, "hashed", ["write"]);
    const row = await app.db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    const secret = key.token.split(".")[1] ?? "";
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("limits the records per bundle, whatever their types", () => {
    const bundle = fixture();
    const actor = bundle.actors[0] as Record<string, unknown>;
    // Within each type's own limit, over the bundle's: the claims make up the difference.
    bundle.actors = Array.from({ length: maxBundleRecords - 1_000 }, (_, i) => ({ ...actor, id: `actor-${i}` }));
    bundle.citedSources = Array.from({ length: 1_000 }, (_, i) => ({
      id: `outlet-${i}`,
      kind: "news",
      title: "An outlet",
      evidence: [bundle.document.text.slice(0, 10)],
    }));
    expect(bundle.claims.length).toBeGreaterThan(0);
    const parsed = ContentBundle.safeParse(bundle);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/at most 5000/);
  });

  it("survives a re-seed: the seed prunes only its own content, never an imported bundle's", async () => {
    const report = await seedDatabase(app.db);
    expect(report.tables.claims.deleted).toBe(0);
    const claim = await request(app.server).get("/v1/claims/statement-moscow-calls-sanctions-hostile").expect(200);
    expect(claim.body.about).toEqual([{ id: "european-union", name: "European Union" }]);
    expect(claim.body.evidence[0].source.id).toBe("eu-sanctions-note-2026");
    await request(app.server).get("/v1/sources/eu-sanctions-note-2026").expect(200);
    await request(app.server).get("/v1/events/eu-sanctions-package-2026").expect(200);
  });

  it("leaves the knowledge base exactly as it was when an import fails part-way", async () => {
    const before = await app.db.prisma.claim.findMany({ orderBy: { id: "asc" } });
    const revision = await app.db.prisma.revision.findUnique({ where: { id: 1 } });
    const bundle = ContentBundle.parse({ ...fixture(), document: { ...fixture().document, id: "another-document" } });
    await expect(
      importBundle(app.db, bundle, {
        write: (documents, hooks) =>
          writeDocuments(app.db, documents, {
            ...hooks,
            beforeCommit: async (tx, applied) => {
              await hooks.beforeCommit?.(tx, applied);
              throw new Error("injected failure");
            },
          }),
      }),
    ).rejects.toThrow("injected failure");
    expect(await app.db.prisma.claim.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await app.db.prisma.revision.findUnique({ where: { id: 1 } })).toEqual(revision);
    expect(await app.db.prisma.source.findUnique({ where: { id: "another-document" } })).toBeNull();
    expect(await app.db.prisma.importRecord.count({ where: { sourceId: "another-document" } })).toBe(0);
  });
});
