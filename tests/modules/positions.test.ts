// Issues and positions: who demands, proposes, accepts, conditions or rejects
// what, on which issue and when, seeded from the article's position claims
// and checked against its text; the matrix of actors by issues with each
// cell's latest stance and history; imports by later sources; hostile queries.
import { readFileSync } from "node:fs";
import request from "supertest";
import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.js";
import { useTestApp, walk } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

interface Position {
  id: string;
  actor: { id: string };
  issue: { id: string };
  stance: string;
  date: string;
  datePrecision: string;
  event: { id: string } | null;
  claim: { id: string } | null;
  evidence: { quote: string; start: number; end: number }[];
}
interface Cell {
  stance: string;
  positionCount: number;
  history: Omit<Position, "actor" | "issue">[];
}
interface Matrix {
  actors: { id: string }[];
  rows: { issue: { id: string }; cells: (Cell | null)[] }[];
}

const article = [...readFileSync(new URL("../../seed/article.txt", import.meta.url), "utf8")];
const claims = JSON.parse(readFileSync(new URL("../../seed/claims.json", import.meta.url), "utf8")) as {
  id: string;
  kind: string;
}[];
/** The end of the period a date names, as text that sorts like it (the timeline's order). */
const periodKey = (date: string) => (date.length < 10 ? `${date}-99` : date);

describeEachDatabase("issues and positions", (provider) => {
  const api = useTestApp(provider, { rateLimit: false });
  let token: string;
  beforeAll(async () => {
    token = (await createApiKey(api.app().db.prisma, "positions", ["write"])).token;
  });
  const post = (body: object) =>
    request(api.app().server).post("/v1/imports").set("authorization", `Bearer ${token}`).send(body);
  const positions = async (query = "") =>
    (await walk(api.get, `/v1/positions?limit=7${query}`)) as unknown as Position[];
  const matrix = async (actors: string) =>
    (await api.get(`/v1/positions/matrix?actors=${actors}&limit=25`).expect(200)).body as Matrix;
  const cell = (m: Matrix, issue: string, actor: string) =>
    m.rows.find((row) => row.issue.id === issue)?.cells[m.actors.findIndex((a) => a.id === actor)];

  it("seeds every position claim of the article as positions, each quoting the article verbatim at its offsets", async () => {
    const all = await positions();
    expect(all).toHaveLength(28);
    for (const p of all) {
      expect(p.evidence.length, p.id).toBeGreaterThan(0);
      for (const e of p.evidence) expect(article.slice(e.start, e.end).join(""), p.id).toBe(e.quote);
    }
    const stated = new Set(all.flatMap((p) => (p.claim ? [p.claim.id] : [])));
    for (const claim of claims.filter((c) => c.kind === "position")) expect(stated, claim.id).toContain(claim.id);
    // In date order: the end of each date's period, then id.
    const keys = all.map((p) => `${periodKey(p.date)} ${p.id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it("holds what the article says each party wants, offers and refuses", async () => {
    const byId = new Map((await positions()).map((p) => [p.id, p]));
    const expected: [string, string, string, string, string][] = [
      // In 2022 Russia demands Ukrainian neutrality and recognition of its annexation of Crimea.
      ["russia-demands-neutrality-2022", "russia", "ukrainian-neutrality", "demands", "2022"],
      ["russia-demands-crimea-recognition-2022", "russia", "status-of-crimea", "demands", "2022"],
      ["ukraine-demands-nato-membership-2022", "ukraine", "nato-membership", "demands", "2022"],
      // The 2025 US framework proposes recognising Russia's control over Crimea and ruling out NATO membership; Ukraine rejects it.
      ["united-states-proposes-crimea-recognition-2025", "united-states", "status-of-crimea", "proposes", "2025"],
      ["united-states-proposes-no-nato-membership-2025", "united-states", "nato-membership", "proposes", "2025"],
      ["ukraine-rejects-crimea-recognition-2025", "ukraine", "status-of-crimea", "rejects", "2025"],
      ["ukraine-rejects-no-nato-membership-2025", "ukraine", "nato-membership", "rejects", "2025"],
      // Russia rejects NATO and European peacekeepers.
      ["russia-rejects-nato-peacekeepers-2025", "russia", "foreign-peacekeepers", "rejects", "2025-04"],
      ["russia-rejects-european-peacekeepers-2025", "russia", "foreign-peacekeepers", "rejects", "2025-04"],
      // Ukraine accepts a 30-day ceasefire on condition that Russia reciprocates.
      ["ukraine-accepts-30-day-ceasefire-2025", "ukraine", "ceasefire-terms", "conditions", "2025-04"],
      // Kyiv dismisses the three-day truce, dated by the event it answers.
      ["ukraine-rejects-three-day-truce-2025", "ukraine", "ceasefire-terms", "rejects", "2025-05-08"],
      ["russia-proposes-three-day-truce-2025", "russia", "ceasefire-terms", "proposes", "2025-05-08"],
      ["russia-conditions-talks-on-sanctions-relief-2025", "russia", "sanctions-relief", "conditions", "2025-04"],
    ];
    for (const [id, actor, issue, stance, date] of expected)
      expect(byId.get(id), id).toMatchObject({ actor: { id: actor }, issue: { id: issue }, stance, date });
    expect(byId.get("ukraine-accepts-30-day-ceasefire-2025")?.evidence[0]?.quote).toBe(
      "Ukraine has agreed to a 30-day ceasefire if Russia reciprocates",
    );
    expect(byId.get("ukraine-rejects-three-day-truce-2025")).toMatchObject({
      event: { id: "victory-day-truce-proposal" },
      datePrecision: "day",
    });
    expect(byId.get("ukraine-rejects-three-day-truce-2025")?.evidence[0]?.quote).toMatch(/dismissed by Kyiv/);
  });

  it("filters by actor, issue, stance and date", async () => {
    const conditions = await positions("&actor=ukraine&issue=ceasefire-terms&stance=conditions");
    expect(conditions.map((p) => p.id)).toEqual(["ukraine-accepts-30-day-ceasefire-2025"]);
    const crimeaSince2025 = await positions("&issue=status-of-crimea&from=2025");
    expect(crimeaSince2025.map((p) => p.actor.id).sort()).toEqual(["ukraine", "united-states"]);
    const in2022 = await positions("&to=2022");
    expect(in2022).toHaveLength(7);
    expect(in2022.every((p) => p.date === "2022")).toBe(true);
    const rejections = await positions("&actor=russia&stance=rejects");
    expect(rejections.map((p) => p.issue.id).sort()).toEqual([
      "ceasefire-terms",
      "foreign-peacekeepers",
      "foreign-peacekeepers",
    ]);
  });

  it("lists the issues, each with its positions in date order", async () => {
    const issues = (await walk(api.get, "/v1/issues?limit=4")) as unknown as { id: string; positions: Position[] }[];
    expect(issues.map((i) => i.id)).toEqual([
      "ceasefire-terms",
      "foreign-peacekeepers",
      "nato-membership",
      "occupied-territories",
      "prisoners",
      "sanctions-relief",
      "security-guarantees",
      "status-of-crimea",
      "ukrainian-neutrality",
    ]);
    const crimea = (await api.get("/v1/issues/status-of-crimea").expect(200)).body;
    expect(crimea.positions.map((p: Position) => `${p.actor.id} ${p.stance} ${p.date}`)).toEqual([
      "russia demands 2022",
      "ukraine rejects 2025",
      "united-states proposes 2025",
    ]);
    expect(crimea.evidence[0].quote).toBe("recognition of its annexation of Crimea");
    const paged = (await api.get("/v1/issues/status-of-crimea/positions").expect(200)).body;
    expect(paged.data).toEqual(crimea.positions);
    const ofPutin = (await api.get("/v1/issues?actor=vladimir-putin").expect(200)).body.data;
    expect(ofPutin.map((i: { id: string }) => i.id)).toEqual(["ceasefire-terms"]);
    await api.get("/v1/issues/no-such-issue").expect(404);
    await api.get("/v1/positions/no-such-position").expect(404);
  });

  it("answers the matrix: each actor's latest stance on each issue, with its history, latest first", async () => {
    const m = await matrix("ukraine,russia,united-states");
    expect(m.actors.map((a) => a.id)).toEqual(["ukraine", "russia", "united-states"]);
    expect(m.rows.map((r) => r.issue.id)).toHaveLength(9);
    expect(cell(m, "status-of-crimea", "ukraine")).toMatchObject({ stance: "rejects", positionCount: 1 });
    expect(cell(m, "status-of-crimea", "united-states")).toMatchObject({ stance: "proposes" });
    expect(cell(m, "status-of-crimea", "russia")).toMatchObject({ stance: "demands" });
    // Ukraine's NATO membership: demanded in 2022, the US framework ruling it out rejected in 2025.
    const nato = cell(m, "nato-membership", "ukraine");
    expect(nato?.history.map((p) => `${p.stance} ${p.date}`)).toEqual(["rejects 2025", "demands 2022"]);
    expect(nato?.history[0]?.evidence.map((e) => e.quote)).toContain(
      "Ukraine rejected these terms, citing constitutional violations and insufficient security guarantees",
    );
    // Neutrality: Russia demanded it in 2022 and still insists on it in April 2025.
    expect(cell(m, "ukrainian-neutrality", "russia")?.history.map((p) => p.date)).toEqual(["2025-04", "2022"]);
    expect(cell(m, "ukrainian-neutrality", "ukraine")).toBeNull();
    // Ceasefire terms: the three-day truce of May 2025 is the latest word of both.
    expect(cell(m, "ceasefire-terms", "ukraine")).toMatchObject({ stance: "rejects", positionCount: 3 });
    expect(cell(m, "ceasefire-terms", "russia")).toMatchObject({ stance: "proposes", positionCount: 2 });
    expect(cell(m, "ceasefire-terms", "united-states")).toBeNull();
    // Each cell's history is its positions on the issue, latest first.
    for (const row of m.rows)
      for (const c of row.cells) {
        if (!c) continue;
        const keys = c.history.map((p) => `${periodKey(p.date)} ${p.id}`);
        expect(keys).toEqual([...keys].sort().reverse());
        expect(c.stance).toBe(c.history[0]?.stance);
      }
    // A page of issues at a time.
    const first = (await api.get("/v1/positions/matrix?actors=russia&limit=2").expect(200)).body;
    expect(first.rows).toHaveLength(2);
    const next = (
      await api.get(`/v1/positions/matrix?actors=russia&limit=2&cursor=${first.page.nextCursor}`).expect(200)
    ).body;
    expect(next.rows[0].issue.id > first.rows[1].issue.id).toBe(true);
  });

  it("refuses hostile matrix queries with a problem", async () => {
    const cases: [string, number][] = [
      ["/v1/positions/matrix", 400],
      ["/v1/positions/matrix?actors=", 400],
      [`/v1/positions/matrix?actors=${Array.from({ length: 21 }, (_, i) => `actor-${i}`).join(",")}`, 400],
      ["/v1/positions/matrix?actors=ukraine,Not%20A%20Slug", 400],
      ["/v1/positions/matrix?actors=ukraine,nobody", 404],
      ["/v1/positions/matrix?actors=ukraine&cursor=bm90LWEtY3Vyc29y", 400],
      [`/v1/positions/matrix?actors=${"a".repeat(5000)}`, 400],
      ["/v1/positions/matrix?actors=ukraine&limit=26", 400],
      ["/v1/positions?stance=supports", 400],
      ["/v1/positions?from=2025-13", 400],
      ["/v1/positions?actor=%F0%9F%92%A5", 400],
      ["/v1/positions?actor=ukraine%00", 400],
      ["/v1/positions/matrix?actors=ukraine%00,russia", 400],
      ["/v1/issues/%ED%A0%80", 400],
      ["/v1/issues?actor=%00", 400],
      ["/embed/positions/matrix?actors=ukraine,nobody", 404],
      [`/embed/positions/matrix?actors=${Array.from({ length: 21 }, (_, i) => `actor-${i}`).join(",")}`, 400],
    ];
    for (const [url, status] of cases) {
      const response = await api.get(url).expect(status);
      expect(response.headers["content-type"], url).toMatch(/^application\/problem\+json/);
    }
    // The same actor twice is one column.
    expect((await matrix("russia,russia")).actors).toHaveLength(1);
  });

  it("takes positions from a later source on the article's issues, and holds them to its text", async () => {
    const text =
      "In June 2025 Russia again demanded that Ukraine renounce NATO membership. Kyiv said it would never accept a ban.";
    const bundle = {
      document: { id: "positions-note-2025", kind: "analysis", title: "A note on positions in June 2025", text },
      positions: [
        {
          id: "russia-demands-no-nato-membership-2025-06",
          actor: "russia",
          issue: "nato-membership",
          stance: "demands",
          summary: "Russia demanded that Ukraine renounce NATO membership.",
          date: "2025-06",
          evidence: ["Russia again demanded that Ukraine renounce NATO membership"],
        },
      ],
    };
    const refusals: [object, string, RegExp][] = [
      [{ issue: "no-such-issue" }, "positions.0.issue", /unknown issue/],
      [{ actor: "no-such-actor" }, "positions.0.actor", /unknown actor/],
      [{ date: undefined }, "positions.0.date", /undated/],
      [{ date: "2025-02-30" }, "positions.0.date", /not a real calendar date/],
      [{ event: "us-withdrawal-threat" }, "positions.0.event", /unknown event/],
      [{ stance: "supports" }, "positions.0.stance", /./],
      [{ evidence: ["Russia demanded a ban"] }, "positions.0.evidence.0", /./],
    ];
    for (const [fields, name, reason] of refusals) {
      const body = { ...bundle, positions: [{ ...bundle.positions[0], ...fields }] };
      const response = await post(body).expect(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.body.invalidParams, name).toContainEqual(
        expect.objectContaining({ name, reason: expect.stringMatching(reason) }),
      );
    }
    await post(bundle).expect(201);
    const m = await matrix("russia");
    expect(cell(m, "nato-membership", "russia")).toMatchObject({
      stance: "demands",
      positionCount: 1,
      history: [{ id: "russia-demands-no-nato-membership-2025-06", date: "2025-06" }],
    });
    const issue = (await api.get("/v1/issues/nato-membership").expect(200)).body;
    // June 2025 comes before the positions dated only to 2025, which may be as late as December.
    expect(issue.positions.map((p: Position) => `${p.date} ${p.id}`)).toEqual([
      "2022 ukraine-demands-nato-membership-2022",
      "2025-06 russia-demands-no-nato-membership-2025-06",
      "2025 ukraine-rejects-no-nato-membership-2025",
      "2025 united-states-proposes-no-nato-membership-2025",
    ]);
    // The article's issue keeps its own words: the later source only added a position on it.
    expect(issue).toMatchObject({ title: "Ukraine's NATO membership", sourceCount: 1 });
    // Taking the position back deletes it; the issue stays.
    await post({ ...bundle, positions: [] }).expect(201);
    await api.get("/v1/positions/russia-demands-no-nato-membership-2025-06").expect(404);
    await api.get("/v1/issues/nato-membership").expect(200);
  });
});
