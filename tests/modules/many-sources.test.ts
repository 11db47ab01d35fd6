// Many sources, one knowledge base (issue 17), as a story of three short
// documents written for this test: B, a news report, refines the date of a
// seed event and adds evidence to a seed claim; C states a different figure
// for a seed fact; then B is imported again without two of its claims. After
// each step every source's own words are there, side by side, and the record
// a reader sees follows the README's rule.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey } from "../../src/auth/api-keys.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

const article = "us-withdrawal-from-peace-talks-2025";
const seedSummary =
  'With no breakthrough by April 2025, Secretary of State Marco Rubio warned that the US would "move on" if progress stalled; Trump reinforced the stance.';

const reportText =
  "Paris, 18 April 2025. After talks in the French capital, the US Secretary of State told reporters that Washington would step back within days unless both sides moved. " +
  "He said the US was ready to move on from its mediation. A separate aide said a new round was not yet planned.";

/** Document B: a news report on the Paris remarks. `withClaims`: whether it still states its two claims. */
const reportB = (withClaims = true) => ({
  document: {
    id: "rubio-paris-report",
    kind: "news",
    title: "Rubio in Paris: days, not weeks",
    publisher: "Test Wire",
    text: reportText,
  },
  events: [
    {
      id: "rubio-move-on-warning",
      title: "Rubio gives the talks days",
      summary: "In Paris the Secretary of State said the US would step back within days unless both sides moved.",
      date: "2025-04-18",
      location: "Paris",
      participants: [
        { actor: "marco-rubio", role: "told reporters" },
        { actor: "france", role: "host" },
      ],
      evidence: ["Paris, 18 April 2025. After talks in the French capital"],
    },
  ],
  claims: withClaims
    ? [
        {
          id: "statement-rubio-move-on",
          kind: "statement",
          text: "Rubio said the US was ready to move on from its mediation.",
          speaker: "marco-rubio",
          about: ["united-states"],
          evidence: ["He said the US was ready to move on from its mediation."],
        },
        {
          id: "statement-no-new-round-planned",
          kind: "statement",
          text: "An aide said no new round of talks was planned yet.",
          about: ["united-states"],
          evidence: ["A separate aide said a new round was not yet planned."],
        },
      ]
    : [],
});

/** Document C: a tally of US aid that gives another figure for a seed fact. */
const tallyC = {
  document: {
    id: "aid-tally-note",
    kind: "analysis",
    title: "Counting US aid to Ukraine",
    text: "By our count the United States committed 65.9 billion dollars of military aid to Ukraine between 2022 and early 2025.",
  },
  claims: [
    {
      id: "fact-us-military-aid-since-2022",
      kind: "fact",
      text: "The US committed $65.9 billion in military aid to Ukraine from 2022 to early 2025.",
      about: ["united-states", "ukraine"],
      figure: { value: 65_900_000_000, unit: "USD" },
      evidence: ["the United States committed 65.9 billion dollars of military aid to Ukraine"],
    },
  ],
};

describeEachDatabase("many sources, one knowledge base", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let reporter: string;
  let analyst: string;
  const get = (path: string) => request(app.server).get(path).expect(200);
  const post = (key: string, body: unknown) =>
    request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${key}`)
      .send(body as object);
  const attestationsOf = async (path: string) =>
    (await get(`${path}?include=attestations`)).body.attestations as {
      source: { id: string };
      fields: Record<string, unknown>;
      evidence: { quote: string }[];
    }[];

  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, rateLimit: false });
    await app.ready();
    reporter = (await createApiKey(app.db.prisma, "reporter", ["write"])).token;
    analyst = (await createApiKey(app.db.prisma, "analyst", ["write"])).token;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  describe("before any other source", () => {
    it("shows each record stated by the article alone, with no conflicts", async () => {
      const event = (await get("/v1/events/rubio-move-on-warning")).body;
      expect(event).toMatchObject({ date: "2025-04", datePrecision: "month", sourceCount: 1, conflicts: [] });
      expect(event.attestations).toBeUndefined();
      const [only] = await attestationsOf("/v1/events/rubio-move-on-warning");
      expect(only?.source.id).toBe(article);
      expect(only?.fields).toMatchObject({ date: "2025-04", summary: seedSummary });
    });
  });

  describe("B refines a seed event's date and adds evidence to a seed claim", () => {
    beforeAll(async () => {
      const response = await post(reporter, reportB()).expect(201);
      expect(response.body.statements).toEqual({ made: 4, kept: 0, retracted: 0 });
    });

    it("derives the event by the rule: the article's words, the most precise date both contain, every participant", async () => {
      const event = (await get("/v1/events/rubio-move-on-warning")).body;
      expect(event).toMatchObject({
        title: 'Rubio warns the US will "move on"',
        summary: seedSummary,
        date: "2025-04-18",
        datePrecision: "day",
        location: "Paris",
        sourceCount: 2,
        conflicts: [],
      });
      expect(event.participants.map((p: { actor: { id: string }; role: string }) => [p.actor.id, p.role])).toEqual([
        ["donald-trump", "reinforced the warning"],
        ["france", "host"],
        ["marco-rubio", "speaker"],
        ["united-states", "country"],
      ]);
    });

    it("shows exactly what each source said, the originating one first", async () => {
      const [seed, report] = await attestationsOf("/v1/events/rubio-move-on-warning");
      expect(seed?.source.id).toBe(article);
      expect(seed?.fields).toMatchObject({ date: "2025-04", summary: seedSummary });
      expect(seed?.fields.location).toBeUndefined();
      expect(report?.source.id).toBe("rubio-paris-report");
      expect(report?.fields).toEqual({
        title: "Rubio gives the talks days",
        summary: reportB().events[0]?.summary,
        date: "2025-04-18",
        location: "Paris",
        participants: [
          { actor: "france", role: "host" },
          { actor: "marco-rubio", role: "told reporters" },
        ],
      });
      expect(report?.evidence.map((e) => e.quote)).toEqual(["Paris, 18 April 2025. After talks in the French capital"]);
    });

    it("keeps the seed claim's wording and adds B's evidence beside the article's", async () => {
      const claim = (await get("/v1/claims/statement-rubio-move-on")).body;
      expect(claim.text).toBe('Marco Rubio warned that the US would "move on" if progress stalled.');
      expect(claim.sourceCount).toBe(2);
      expect(claim.evidence.map((e: { source: { id: string } }) => e.source.id).sort()).toEqual([
        "rubio-paris-report",
        article,
      ]);
      const [, report] = await attestationsOf("/v1/claims/statement-rubio-move-on");
      expect(report?.fields.text).toBe("Rubio said the US was ready to move on from its mediation.");
    });

    it("lists corroborated records with minSources, and everything B states", async () => {
      const corroborated = (await get("/v1/claims?minSources=2")).body.data.map((c: { id: string }) => c.id);
      expect(corroborated).toEqual(["statement-rubio-move-on"]);
      const events = (await get("/v1/actors/marco-rubio/events?minSources=2")).body.data;
      expect(events.map((e: { id: string }) => e.id)).toEqual(["rubio-move-on-warning"]);
      const stated = (await get("/v1/sources/rubio-paris-report/assertions")).body.data;
      expect(stated.map((s: { recordType: string; recordId: string }) => `${s.recordType}/${s.recordId}`)).toEqual([
        "claim/statement-no-new-round-planned",
        "claim/statement-rubio-move-on",
        "event/rubio-move-on-warning",
        "source/rubio-paris-report",
      ]);
    });

    it("gives another key 403 for B, and changes nothing", async () => {
      const before = (await get("/v1/events/rubio-move-on-warning")).body;
      const refused = await post(analyst, reportB(false)).expect(403);
      expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect((await get("/v1/events/rubio-move-on-warning")).body).toEqual(before);
    });
  });

  describe("C states a different figure for a seed fact", () => {
    beforeAll(async () => {
      await post(analyst, tallyC).expect(201);
    });

    it("keeps the article's figure, and lists both values with their sources as a conflict", async () => {
      const claim = (await get("/v1/claims/fact-us-military-aid-since-2022")).body;
      expect(claim.figure).toEqual({ value: 66_500_000_000, unit: "USD" });
      expect(claim.text).toBe("The US has provided $66.5 billion in military aid to Ukraine since 2022.");
      expect(claim.sourceCount).toBe(2);
      expect(claim.conflicts).toEqual([
        {
          field: "figure",
          values: [
            { value: { value: 66_500_000_000, unit: "USD" }, sources: [article] },
            { value: { value: 65_900_000_000, unit: "USD" }, sources: ["aid-tally-note"] },
          ],
        },
      ]);
    });

    it("lists contested records with contested=true, and leaves them out with contested=false", async () => {
      const contested = (await get("/v1/claims?contested=true")).body.data.map((c: { id: string }) => c.id);
      expect(contested).toEqual(["fact-us-military-aid-since-2022"]);
      const calm = (await get("/v1/claims?contested=false&limit=100")).body.data.map((c: { id: string }) => c.id);
      expect(calm).not.toContain("fact-us-military-aid-since-2022");
      expect(calm).toContain("statement-rubio-move-on");
    });

    it("shows the two sources and their disagreement on the claim's card, and each statement as a PROV-O derivation", async () => {
      const card = (await get("/embed/claims/fact-us-military-aid-since-2022/content")).body;
      expect(card.sources).toBe("Stated by 2 sources");
      expect(card.disagreements).toEqual([
        `Figure: 66,500,000,000 USD (${article}) or 65,900,000,000 USD (aid-tally-note)`,
      ]);
      const html = (await get("/embed/claims/fact-us-military-aid-since-2022")).text;
      expect(html).toContain("Stated by 2 sources");
      expect(html).toContain("Sources disagree");
      const linked = (
        await request(app.server)
          .get("/v1/claims/fact-us-military-aid-since-2022?include=attestations")
          .set("accept", "application/ld+json")
          .expect(200)
      ).body;
      expect(linked.qualifiedDerivation).toEqual([
        expect.objectContaining({
          "@type": "Derivation",
          entity: expect.stringMatching(new RegExp(`/v1/sources/${article}$`)),
          statement: expect.objectContaining({ figure: { value: 66_500_000_000, unit: "USD" } }),
        }),
        expect.objectContaining({
          entity: expect.stringMatching(/\/v1\/sources\/aid-tally-note$/),
          statement: expect.objectContaining({ figure: { value: 65_900_000_000, unit: "USD" } }),
        }),
      ]);
    });
  });

  describe("B is imported again without its claims", () => {
    let changesFrom: number;
    beforeAll(async () => {
      changesFrom = (await get("/v1/changes")).body.revision;
      const response = await post(reporter, reportB(false)).expect(201);
      expect(response.body.statements).toEqual({ made: 0, kept: 2, retracted: 2 });
      expect(response.body.tables.claims).toMatchObject({ deleted: 1 });
    });

    it("removes the claim only B stated, and says so in the change feed", async () => {
      await request(app.server).get("/v1/claims/statement-no-new-round-planned").expect(404);
      const changes = (await get(`/v1/changes?since=${changesFrom}`)).body.data;
      expect(changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: "claims", id: "statement-no-new-round-planned", change: "deleted" }),
          expect.objectContaining({ type: "claims", id: "statement-rubio-move-on", change: "updated" }),
        ]),
      );
    });

    it("keeps the claim the article states too, as the article states it, without B's evidence", async () => {
      const claim = (await get("/v1/claims/statement-rubio-move-on?include=attestations")).body;
      expect(claim.sourceCount).toBe(1);
      expect(claim.about.map((a: { id: string }) => a.id)).toEqual(["russia", "ukraine", "united-states"]);
      expect(claim.evidence.map((e: { source: { id: string } }) => e.source.id)).toEqual([article]);
      expect(claim.attestations.map((a: { source: { id: string } }) => a.source.id)).toEqual([article]);
    });

    it("still shows B's account of the event beside the article's", async () => {
      const event = (await get("/v1/events/rubio-move-on-warning")).body;
      expect(event).toMatchObject({ summary: seedSummary, date: "2025-04-18", sourceCount: 2 });
    });
  });

  describe("taking back what others still reference", () => {
    it("refuses to take back the last statement of an actor another document's claim names (409), and changes nothing", async () => {
      const text = "The press office in Paris briefed reporters. The office spoke for the delegation.";
      const office = {
        id: "paris-press-office",
        kind: "organisation",
        name: "Paris press office",
        description: "The office that briefed reporters.",
        evidence: ["The press office in Paris briefed reporters."],
      };
      const briefing = (actors: object[]) => ({
        document: { id: "press-office-briefing", kind: "news", title: "A briefing", text },
        actors,
      });
      await post(reporter, briefing([office])).expect(201);
      await post(analyst, {
        document: { id: "briefing-reply", kind: "news", title: "A reply", text: "The office spoke out." },
        claims: [
          {
            id: "statement-office-spoke",
            kind: "statement",
            text: "The office spoke.",
            speaker: "paris-press-office",
            evidence: ["The office spoke out."],
          },
        ],
      }).expect(201);
      const refused = await post(reporter, briefing([])).expect(409);
      expect(refused.body.detail).toContain('actor "paris-press-office" (by claim "statement-office-spoke")');
      expect((await get("/v1/actors/paris-press-office")).body.sourceCount).toBe(1);
      expect((await get("/v1/claims/statement-office-spoke")).body.speaker).toEqual({
        id: "paris-press-office",
        name: "Paris press office",
      });
    });
  });

  describe("one actor, one record", () => {
    it("refuses a bundle giving russia another Wikidata item (409) and changes nothing", async () => {
      const before = (await get("/v1/actors/russia")).body;
      const bundle = {
        document: { id: "wrong-russia", kind: "analysis", title: "A note", text: "Russia is large." },
        actors: [
          {
            id: "russia",
            kind: "country",
            name: "Russia",
            description: "A large country.",
            wikidataId: "Q30",
            evidence: ["Russia is large."],
          },
        ],
      };
      const refused = await post(analyst, bundle).expect(409);
      expect(refused.body.detail).toContain('"russia" is Wikidata item "Q159"');
      expect((await get("/v1/actors/russia")).body).toEqual(before);
      await request(app.server).get("/v1/sources/wrong-russia").expect(404);
    });
  });
});
