// The write path against a hostile client (issue 15): each case is a request
// an attacker can send, with or without a key, and the answer must be a
// bounded 4xx problem that leaves the knowledge base as it was.
import { once } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey } from "../../src/auth/api-keys.js";
import { writerLock } from "../../src/db/database.js";
import { maxReportedParams } from "../../src/http/problem.js";
import { loggerOptions } from "../../src/logging.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

const articleId = "us-withdrawal-from-peace-talks-2025";
const maxErrorBody = 64 * 1024;

describeEachDatabase("hostile writes", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let writeKey: string;
  let otherKey: string;
  const logLines: string[] = [];
  const post = (body: unknown, key: string | null = writeKey, url = "/v1/imports") => {
    const req = request(app.server).post(url);
    return (key ? req.set("authorization", `Bearer ${key}`) : req).send(body as object);
  };
  /** The article's text and its evidence, to check nothing was changed under it. */
  const articleState = async () => {
    const source = await app.db.prisma.source.findUniqueOrThrow({ where: { id: articleId } });
    const evidence = await app.db.prisma.evidence.findMany({ where: { sourceId: articleId }, orderBy: { id: "asc" } });
    return { text: source.text, evidence: evidence.map(({ id, quote, start, end }) => ({ id, quote, start, end })) };
  };
  let pristine: Awaited<ReturnType<typeof articleState>>;

  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) => logLines.push(...chunk.toString().split("\n").filter(Boolean)));
    app = await buildApp({
      databaseUrl: database.url,
      revisionPollMs: 0,
      rateLimit: false,
      lockWaitMs: 300,
      logger: loggerOptions("info", { stream }),
    });
    await app.ready();
    writeKey = (await createApiKey(app.db.prisma, "importer", ["write"])).token;
    otherKey = (await createApiKey(app.db.prisma, "another importer", ["write"])).token;
    pristine = await articleState();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("answers a huge body without a key with 401 before parsing or validating it", async () => {
    const body = `{"document":{},"actors":[${"{},".repeat(800_000)}{}]}`;
    const response = await request(app.server)
      .post("/v1/imports")
      .set("content-type", "application/json")
      .send(body)
      .expect(401)
      .expect("content-type", /problem\+json/);
    expect(response.text.length).toBeLessThan(1_024);
  });

  it("validates a valid key's huge array with one problem, not one per item", async () => {
    const body = `{"document":{},"actors":[${"{},".repeat(800_000)}{}]}`;
    const response = await request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${writeKey}`)
      .set("content-type", "application/json")
      .send(body)
      .expect(400);
    expect(response.text.length).toBeLessThan(maxErrorBody);
    // Refused on the body's text, before it is parsed into 800,000 objects.
    expect(response.body.invalidParams).toEqual([
      expect.objectContaining({ name: "actors", reason: "holds more than 5000 items" }),
    ]);
  });

  it("lists at most 100 problems, says how many more, and stays under 64 KiB", async () => {
    const bundle = bundleFixture();
    const longKey = "k".repeat(300);
    bundle.actors = Array.from({ length: 5_000 }, () => ({ [longKey]: 1 }));
    const response = await post(bundle).expect(400);
    expect(response.text.length).toBeLessThan(maxErrorBody);
    expect(response.body.invalidParams).toHaveLength(maxReportedParams);
    expect(response.body.detail).toMatch(/^The request has \d{5} invalid values: .*; and \d+ more\./);
    expect(response.body.detail).toContain(`The first ${maxReportedParams} are listed`);
  });

  it("refuses 100,000 copies of one passage as evidence with one problem", async () => {
    const bundle = bundleFixture();
    bundle.claims[0].evidence = Array.from({ length: 100_000 }, () => "hostile");
    const response = await post(bundle).expect(400);
    expect(response.text.length).toBeLessThan(maxErrorBody);
    expect(response.body.invalidParams).toEqual([
      expect.objectContaining({ name: "claims.0.evidence", reason: "holds more than 5000 items" }),
    ]);
    // Within what the text check allows, the schema's own limit for the list.
    bundle.claims[0].evidence = Array.from({ length: 21 }, (_, i) => `passage ${i}`);
    const schema = await post(bundle).expect(400);
    expect(schema.body.invalidParams).toEqual([
      expect.objectContaining({ name: "claims.0.evidence", reason: expect.stringMatching(/<=20/) }),
    ]);
  });

  it("refuses more distinct passages than the text's length allows, before looking for any", async () => {
    const bundle = bundleFixture();
    bundle.document.text = `${bundle.document.text} ${"lorem ipsum ".repeat(160_000)}`;
    const claim = bundle.claims[0];
    bundle.claims = Array.from({ length: 400 }, (_, i) => ({ ...claim, id: `claim-${i}`, evidence: [`absent ${i}`] }));
    const response = await post(bundle).expect(400);
    expect(response.body.invalidParams).toEqual([
      expect.objectContaining({
        name: "document.text",
        reason: expect.stringMatching(/^403 distinct passages .* at most 208$/),
      }),
    ]);
  });

  it("refuses a passage cited twice as evidence of one record", async () => {
    const bundle = bundleFixture();
    const passage = bundle.claims[0].evidence[0];
    bundle.claims[0].evidence = [passage, passage];
    const response = await post(bundle).expect(400);
    expect(response.body.invalidParams).toEqual([
      expect.objectContaining({ name: "claims.0.evidence", reason: "cites the same passage more than once" }),
    ]);
  });

  it.each([
    ["a lone surrogate", "\ud800"],
    ["a lone low surrogate", "\udc00"],
    ["a NUL", "\u0000"],
  ])("refuses %s in a document's text with 400 naming the field", async (_name, character) => {
    const bundle = bundleFixture();
    bundle.document.text = `${bundle.document.text} ${character}`;
    const response = await post(bundle).expect(400);
    expect(response.body.invalidParams).toEqual([
      expect.objectContaining({ in: "body", name: "document.text", reason: expect.stringMatching(/well-formed/) }),
    ]);
    expect(await app.db.prisma.source.findUnique({ where: { id: bundle.document.id } })).toBeNull();
  });

  it("refuses a lone surrogate or NUL in a search with 400, not a database error", async () => {
    // (A URL cannot carry a lone surrogate: its UTF-8 bytes decode to U+FFFD.)
    for (const q of ["%00", "russia%00", "%00%00"]) {
      const response = await request(app.server).get(`/v1/search?q=${q}`);
      expect(response.status, q).toBe(400);
    }
    const response = await request(app.server)
      .get(`/v1/search?q=${encodeURIComponent("a\u0000b")}`)
      .expect(400);
    expect(response.body.invalidParams).toEqual([expect.objectContaining({ in: "query", name: "q" })]);
  });

  it("keeps a well-formed astral character in a document's text as sent", async () => {
    const bundle = bundleFixture();
    bundle.document.id = "astral-note-2026";
    bundle.document.text = `${bundle.document.text} 🇺🇦 𝒜`;
    await post(bundle).expect(201);
    const stored = await app.db.prisma.source.findUniqueOrThrow({ where: { id: "astral-note-2026" } });
    expect(stored.text).toBe(bundle.document.text);
  });

  it("refuses a key in the query string with 400 and never logs it", async () => {
    logLines.length = 0;
    const secret = writeKey.split(".")[1] ?? "";
    const response = await request(app.server)
      .post(`/v1/imports?api_key=${encodeURIComponent(writeKey)}`)
      .send(bundleFixture())
      .expect(400);
    expect(response.body.detail).toMatch(/Authorization header/);
    await request(app.server)
      .get(`/v1/actors?token=${encodeURIComponent(writeKey)}`)
      .expect(400);
    await request(app.server)
      .get(`/v1/actors?limit=2&x=${encodeURIComponent(writeKey)}`)
      .expect(400);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join("\n")).not.toContain(secret);
    expect(logLines.join("\n")).toContain("api_key=[redacted]");
    expect(response.body.instance).not.toContain(secret);
  });

  it("refuses an import of the seed's document, whatever its text (403)", async () => {
    const bundle = bundleFixture();
    bundle.document.id = articleId;
    bundle.document.text = "A much shorter text, 28 ch.";
    bundle.document.evidence = ["A much shorter text"];
    bundle.actors = [];
    bundle.events = [];
    bundle.claims = [];
    bundle.implications = [];
    const response = await post(bundle).expect(403);
    expect(response.body.detail).toContain(articleId);
    expect(await articleState()).toEqual(pristine);
  });

  it("lets only the key that first imported a document import it again (403 for another)", async () => {
    const bundle = bundleFixture();
    bundle.document.id = "owned-note-2026";
    await post(bundle).expect(201);
    const other = await post(bundle, otherKey).expect(403);
    expect(other.body.detail).toContain("owned-note-2026");
    await post(bundle).expect(201);
  });

  it("lets a key with the admin scope import another key's document, but not the seed's", async () => {
    const admin = (await createApiKey(app.db.prisma, "editor in chief", ["admin"])).token;
    // Records of this document alone: the fixture's are other documents' too by now.
    const bundle = bundleFixture();
    bundle.document.id = "edited-note-2026";
    bundle.events = [];
    bundle.implications = [];
    bundle.claims = bundle.claims.map((claim: { id: string }) => ({ ...claim, id: `${claim.id}-edited` }));
    await post(bundle).expect(201);
    bundle.claims[0].text = "Ukraine welcomed the EU's new sanctions package, as corrected by an editor.";
    await post(bundle, admin).expect(201);
    const claim = await app.db.prisma.claim.findUniqueOrThrow({ where: { id: bundle.claims[0].id } });
    expect(claim.text).toContain("corrected by an editor");
    // The document stays its first importer's, and the seed's stays the seed's.
    await post(bundle).expect(201);
    const seed = bundleFixture();
    seed.document = { ...seed.document, id: articleId, text: "A much shorter text, 28 ch.", evidence: undefined };
    Object.assign(seed, { actors: [], events: [], claims: [], implications: [] });
    expect((await post(seed, admin).expect(403)).body.detail).toContain(articleId);
    expect(await articleState()).toEqual(pristine);
  });

  it("replaces a document's text and statements together: every passage left of it is in the new text, at its offsets", async () => {
    const bundle = bundleFixture();
    bundle.document.id = "revised-note-2026";
    await post(bundle).expect(201);

    // A new text without one passage, and the claim that quoted it taken back with it.
    const revised = bundleFixture();
    revised.document.id = "revised-note-2026";
    revised.document.text = `A sentence added at the start. ${revised.document.text.replace("Ukraine welcomed the decision", "Kyiv was pleased")}`;
    const dropped = revised.claims.filter((claim: { evidence: string[] }) =>
      claim.evidence.includes("Ukraine welcomed the decision"),
    );
    expect(dropped).toHaveLength(1);
    revised.claims = revised.claims.filter((claim: { id: string }) => claim.id !== dropped[0].id);
    const report = await post(revised).expect(201);
    expect(report.body.statements.retracted).toBeGreaterThanOrEqual(1);
    const stored = await app.db.prisma.evidence.findMany({ where: { sourceId: "revised-note-2026" } });
    expect(stored.map((row) => row.quote)).not.toContain("Ukraine welcomed the decision");
    const text = Array.from(revised.document.text as string);
    for (const row of stored) expect(text.slice(row.start, row.end).join(""), row.id).toBe(row.quote);
    const claim = (await request(app.server).get(`/v1/claims/${dropped[0].id}?include=attestations`)).body;
    const stating = (claim.attestations ?? []).map((a: { source: { id: string } }) => a.source.id);
    expect(stating).not.toContain("revised-note-2026");

    // Evidence that is not in the text is still refused, naming it.
    const unquoted = bundleFixture();
    unquoted.document.id = "revised-note-2026";
    unquoted.document.text = "Another text altogether.";
    expect((await post(unquoted).expect(400)).body.invalidParams.length).toBeGreaterThan(0);
  });

  it("keeps another source's version of a seed actor beside the article's, never over it", async () => {
    const before = (await request(app.server).get("/v1/actors/ukraine").expect(200)).body;
    const bundle = bundleFixture();
    bundle.document.id = "defacing-note-2026";
    bundle.actors.push({
      id: "ukraine",
      kind: "person",
      name: "DEFACED",
      description: "Defaced.",
      evidence: ["Ukraine welcomed the decision"],
    });
    await post(bundle, otherKey).expect(201);
    const after = (await request(app.server).get("/v1/actors/ukraine?include=attestations").expect(200)).body;
    expect(after).toMatchObject({
      name: before.name,
      kind: before.kind,
      description: before.description,
      sourceCount: 2,
    });
    // Its name for the actor is attributed to it, as an alias, like any field.
    expect(after.aliases).toEqual([...before.aliases, "DEFACED"]);
    expect(after.attestations.map((a: { source: { id: string } }) => a.source.id)).toEqual([
      articleId,
      "defacing-note-2026",
    ]);
    expect(after.attestations[1].fields).toMatchObject({ name: "DEFACED", description: "Defaced." });
    // Taken back, it leaves the article's actor exactly as it was.
    bundle.actors.pop();
    await post(bundle, otherKey).expect(201);
    const restored = (await request(app.server).get("/v1/actors/ukraine").expect(200)).body;
    expect({ ...restored, updatedAt: before.updatedAt }).toEqual(before);
  });

  it("keeps the first source's participant role, and another's beside it", async () => {
    const bundle = bundleFixture();
    bundle.document.id = "participant-note-2026";
    bundle.document.text = `${bundle.document.text} Russia invaded Ukraine.`;
    bundle.events = [
      {
        id: "russian-full-scale-invasion",
        title: "Russia's full-scale invasion of Ukraine",
        summary: "A summary of the note's own.",
        date: "2022-02",
        participants: [
          { actor: "russia", role: "liberator" },
          { actor: "ukraine", role: "invaded" },
        ],
        evidence: ["Russia invaded Ukraine."],
      },
    ];
    await post(bundle).expect(201);
    const event = (
      await request(app.server).get("/v1/events/russian-full-scale-invasion?include=attestations").expect(200)
    ).body;
    expect(event.participants.find((p: { actor: { id: string } }) => p.actor.id === "russia").role).toBe("invader");
    expect(event.summary).not.toBe("A summary of the note's own.");
    expect(event.evidence.map((e: { source: { id: string } }) => e.source.id)).toContain("participant-note-2026");
    expect(event.attestations[1].fields.participants).toContainEqual({ actor: "russia", role: "liberator" });
  });

  it("answers a body that is not JSON with 415, after the key check", async () => {
    const text = JSON.stringify(bundleFixture());
    const unsupported = await request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${writeKey}`)
      .set("content-type", "text/plain")
      .send(text)
      .expect(415)
      .expect("content-type", /problem\+json/);
    expect(unsupported.body).toMatchObject({ status: 415, title: "Unsupported Media Type" });
    await request(app.server).post("/v1/imports").set("content-type", "text/plain").send(text).expect(401);
  });

  // PostgreSQL's writers' lock: SQLite has one writer, and no lock to wait for.
  const onPostgresql = provider === "postgresql" ? it : () => undefined;
  onPostgresql(
    "answers an import that waits too long for other writers with 503 and Retry-After, and writes nothing",
    async () => {
      const lock = writerLock(app.db);
      let release = () => {};
      const held = app.db.writeTransaction(async (tx) => {
        await lock?.(tx);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      try {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const bundle = bundleFixture();
        bundle.document.id = "queued-note-2026";
        const busy = await Promise.all([post(bundle), post(bundle), post(bundle)]);
        for (const response of busy) {
          expect(response.status).toBe(503);
          expect(response.headers["content-type"]).toMatch(/problem\+json/);
          expect(response.headers["retry-after"]).toBeDefined();
          expect(response.body.detail).toMatch(/retry shortly/);
        }
        expect(await app.db.prisma.source.findUnique({ where: { id: "queued-note-2026" } })).toBeNull();
      } finally {
        release();
        await held;
      }
      const bundle = bundleFixture();
      bundle.document.id = "queued-note-2026";
      await post(bundle).expect(201);
    },
  );

  it("runs one import at a time: another waits, then gets 503 with Retry-After while the first still arrives", async () => {
    if (!app.server.listening) await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const body = Buffer.from(
      JSON.stringify({ ...bundleFixture(), document: { ...bundleFixture().document, id: "slow-note-2026" } }),
    );
    // The first import's body is still arriving: it holds this instance's one import slot.
    const slow = httpRequest({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/v1/imports",
      headers: {
        authorization: `Bearer ${writeKey}`,
        "content-type": "application/json",
        "content-length": body.length,
      },
    });
    const answered = once(slow, "response") as Promise<[IncomingMessage]>;
    slow.write(body.subarray(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const queued = await post(
      { ...bundleFixture(), document: { ...bundleFixture().document, id: "queued-2026" } },
      otherKey,
    )
      .expect(503)
      .expect("content-type", /problem\+json/);
    expect(queued.headers["retry-after"]).toBeDefined();
    expect(queued.body.detail).toMatch(/Other imports kept this instance busy/);
    slow.end(body.subarray(10));
    const [response] = await answered;
    response.resume();
    expect(response.statusCode).toBe(201);
    await post({ ...bundleFixture(), document: { ...bundleFixture().document, id: "queued-2026" } }, otherKey).expect(
      201,
    );
  });

  it("leaves the article's text and evidence as they were", async () => {
    expect(await articleState()).toEqual(pristine);
    expect(otherKey).toBeTruthy();
  });
});
