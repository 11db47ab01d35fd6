// A record's lists grow with the sources that speak of it: a record shows the
// first `embeddedLimit` of each, names the rest under `more`, and
// `GET /v1/{collection}/{id}/{list}` pages all of them. The export keeps them whole.
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey } from "../../src/auth/api-keys.js";
import { embeddedLimit } from "../../src/modules/record-refs.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

const many = embeddedLimit + 30;
const numbered = (n: number) => `member-${String(n).padStart(3, "0")}`;
const members = Array.from({ length: many }, (_, i) => numbered(i + 1));

/** A council of `many` members, who all met, each making a claim the council's implication rests on. */
const councilBundle = () => ({
  document: {
    id: "council-minutes",
    kind: "news",
    title: "Minutes of a large council",
    text: "The council met in full. Each member spoke in turn. The council expects the talks to resume.",
  },
  actors: [
    {
      id: "the-council",
      kind: "organisation",
      name: "The Council",
      description: "A council.",
      evidence: ["The council met in full."],
    },
    ...members.map((id) => ({
      id,
      kind: "person",
      name: `Member ${id.slice(-3)}`,
      description: "A council member.",
      actsFor: "the-council",
      role: "member",
      evidence: ["Each member spoke in turn."],
    })),
  ],
  events: [
    {
      id: "council-meeting",
      title: "The council meets in full",
      summary: "Every member attended.",
      date: "2026-03",
      participants: members.map((actor) => ({ actor, role: "member" })),
      evidence: ["The council met in full."],
    },
  ],
  claims: members.map((id) => ({
    id: `claim-${id}`,
    kind: "statement",
    text: `${id} spoke.`,
    speaker: id,
    evidence: ["Each member spoke in turn."],
  })),
  implications: [
    {
      id: "talks-resume",
      kind: "scenario",
      title: "Talks resume",
      summary: "The council expects the talks to resume.",
      actors: [{ actor: "the-council", role: "subject" }],
      claims: members.map((id) => `claim-${id}`),
      evidence: ["The council expects the talks to resume."],
    },
  ],
});

describeEachDatabase("a record's lists, embedded and paged", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const get = (url: string) => request(app.server).get(url);

  /** Every item of a list, page by page, through `nextCursor`. */
  const pageAll = async (path: string, limit = 40) => {
    const items: unknown[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit, cursor } : { limit };
      const response = await get(path).query(query).expect(200);
      expect(response.body.data.length).toBeLessThanOrEqual(limit);
      items.push(...response.body.data);
      cursor = response.body.page.nextCursor;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, rateLimit: false });
    await app.ready();
    const key = (await createApiKey(app.db.prisma, "importer", ["write"])).token;
    await request(app.server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${key}`)
      .send(councilBundle())
      .expect(201);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it.each([
    ["actors", "the-council", "members", (item: { id: string }) => item.id],
    ["events", "council-meeting", "participants", (item: { actor: { id: string } }) => item.actor.id],
    ["implications", "talks-resume", "claims", (item: { id: string }) => item.id.replace("claim-", "")],
  ] as const)(
    "%s/%s shows the first %s and pages all of them, in the same order",
    async (collection, id, list, idOf) => {
      const record = (await get(`/v1/${collection}/${id}`).expect(200)).body;
      expect(record[list]).toHaveLength(embeddedLimit);
      expect(record.more).toEqual({ [list]: `/v1/${collection}/${id}/${list}` });
      const all = await pageAll(record.more[list]);
      expect(all.map((item) => (idOf as (item: unknown) => string)(item))).toEqual(members);
      expect(all.slice(0, embeddedLimit)).toEqual(record[list]);
    },
  );

  it("names no `more` for lists that fit, and pages them in one page", async () => {
    const claim = (await get("/v1/claims/claim-member-001").expect(200)).body;
    expect(claim.more).toBeUndefined();
    const evidence = (await get("/v1/claims/claim-member-001/evidence").expect(200)).body;
    expect(evidence.data).toEqual(claim.evidence);
    expect(evidence.page.nextCursor).toBeNull();
    const cites = (await get("/v1/sources/us-withdrawal-from-peace-talks-2025/cited-by").expect(200)).body;
    expect(cites).toEqual({ data: [], page: { limit: 20, nextCursor: null } });
  });

  it("cuts lists in list pages too, and the export keeps them whole", async () => {
    const page = (await get("/v1/actors").query({ kind: "organisation", limit: 100 }).expect(200)).body;
    const council = page.data.find((actor: { id: string }) => actor.id === "the-council");
    expect(council.members).toHaveLength(embeddedLimit);
    expect(council.more.members).toBe("/v1/actors/the-council/members");
    const exported = (await get("/v1/export").query({ format: "json", type: "actors" }).expect(200)).body;
    const whole = exported.data.actors.find((actor: { id: string }) => actor.id === "the-council");
    expect(whole.members.map((m: { id: string }) => m.id)).toEqual(members);
    expect(whole.more).toBeUndefined();
  });

  it("answers an unknown record with 404, a forged or foreign cursor with 400", async () => {
    const missing = await get("/v1/events/no-such-event/participants").expect(404);
    expect(missing.headers["content-type"]).toMatch(/application\/problem\+json/);
    const first = (await get("/v1/actors/the-council/members").query({ limit: 10 }).expect(200)).body;
    // Another list's cursor, and one whose position was rewritten.
    await get("/v1/events/council-meeting/participants").query({ cursor: first.page.nextCursor }).expect(400);
    const [payload, mac] = first.page.nextCursor.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), k: [0] }),
    ).toString("base64url");
    await get("/v1/actors/the-council/members")
      .query({ cursor: `${forged}.${mac}` })
      .expect(400);
    await get("/v1/actors/the-council/members").query({ limit: 101 }).expect(400);
    await get("/v1/actors/The Council/members").expect(400);
  });
});
