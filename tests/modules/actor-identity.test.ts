// One actor, one record (issue 17): an import may reference an actor the
// knowledge base has, but not define it a second time under another id, nor
// give it a Wikidata item or code other than another document gives it.
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey } from "../../src/auth/api-keys.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

/** A note of the importer's own defining one actor (besides the fixture's records, which reference the seed's). */
const noteDefining = (id: string, actor: Record<string, unknown>) => {
  const bundle = bundleFixture();
  bundle.document.id = id;
  bundle.actors = [
    {
      kind: "country",
      description: "A country.",
      evidence: ["the European Union agreed a new package of sanctions"],
      ...actor,
    },
  ];
  bundle.events = [];
  bundle.implications = [];
  bundle.claims = bundle.claims.map((claim: { about: string[] }) => ({ ...claim, about: [] }));
  return bundle;
};

describeEachDatabase("one actor, one record", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let key: string;
  const post = (body: unknown) =>
    request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${key}`)
      .send(body as object);
  const actorIds = async () => (await app.db.prisma.actor.findMany({ select: { id: true } })).map((a) => a.id).sort();

  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, rateLimit: false });
    await app.ready();
    key = (await createApiKey(app.db.prisma, "importer", ["write"])).token;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it.each([
    ["the same Wikidata item", { id: "rossiya", name: "Rossiya", wikidataId: "Q159" }, "russia", "Q159"],
    ["the same ISO code", { id: "ukraina", name: "Ukraina", iso3: "UKR" }, "ukraine", "UKR"],
    ["the same name", { id: "ukraine-2", name: "Ukraine" }, "ukraine", "Ukraine"],
    ["another actor's alias as its name", { id: "the-kremlin", name: "Kremlin" }, "russia", "Kremlin"],
    [
      "another actor's name as an alias",
      { id: "kyiv-government", name: "Kyiv government", aliases: ["Ukraine"] },
      "ukraine",
      "Ukraine",
    ],
  ])("refuses an actor with %s as a stored one's (409), and stores nothing", async (_, actor, existing, value) => {
    const before = await actorIds();
    const response = await post(noteDefining(`note-${actor.id}`, actor)).expect(409);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(response.body.detail).toContain(`"${actor.id}" is "${existing}"`);
    expect(response.body.detail).toContain(value);
    expect(await actorIds()).toEqual(before);
    expect(await app.db.prisma.source.findUnique({ where: { id: `note-${actor.id}` } })).toBeNull();
  });

  it("lets a bundle reference a stored actor by id, and its owner re-import its own actor as it is", async () => {
    await post(bundleFixture()).expect(201);
    const note = noteDefining("note-of-the-union", {
      id: "eurasian-union",
      kind: "bloc",
      name: "Eurasian Economic Union",
      wikidataId: "Q4118",
    });
    await post(note).expect(201);
    await post(note).expect(201);
  });

  it("refuses a bundle that gives an actor a Wikidata item another document gives it otherwise, or another actor's", async () => {
    const union = { id: "eurasian-union", kind: "bloc", name: "Eurasian Economic Union" };
    const elsewhere = await post(noteDefining("note-of-another", { ...union, wikidataId: "Q123456" })).expect(409);
    expect(elsewhere.body.detail).toContain(
      '"eurasian-union" is Wikidata item "Q4118" (as "note-of-the-union" states), not "Q123456"',
    );
    const taken = await post(noteDefining("note-of-the-union", { ...union, wikidataId: "Q30" })).expect(409);
    expect(taken.body.detail).toContain('"eurasian-union" is "united-states" (the same Wikidata item, "Q30")');
    expect((await app.db.prisma.actor.findUniqueOrThrow({ where: { id: "eurasian-union" } })).wikidataId).toBe("Q4118");
    await request(app.server).get("/v1/sources/note-of-another").expect(404);
  });

  it("lets a document that alone states an actor correct its Wikidata item", async () => {
    const union = { id: "eurasian-union", kind: "bloc", name: "Eurasian Economic Union" };
    await post(noteDefining("note-of-the-union", { ...union, wikidataId: "Q4119" })).expect(201);
    expect((await app.db.prisma.actor.findUniqueOrThrow({ where: { id: "eurasian-union" } })).wikidataId).toBe("Q4119");
    await post(noteDefining("note-of-the-union", { ...union, wikidataId: "Q4118" })).expect(201);
  });

  it("refuses two actors of one bundle with one identity (400, naming the second)", async () => {
    const bundle = noteDefining("note-of-twins", { id: "twin-a", name: "Twin", wikidataId: "Q999999" });
    bundle.actors.push({ ...bundle.actors[0], id: "twin-b", name: "Twin B" });
    const response = await post(bundle).expect(400);
    expect(response.body.invalidParams).toEqual([
      expect.objectContaining({
        name: "actors.1",
        reason: expect.stringContaining('the same Wikidata item as the actor "twin-a"'),
      }),
    ]);
  });
});
