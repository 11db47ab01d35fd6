import { expect, it } from "vitest";
import type { Prisma } from "../../src/generated/sqlite/client.js";
import { expectWalkedIds, searchMatches, useTestApp, walk } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

describeEachDatabase("claims API", (provider) => {
  const api = useTestApp(provider);

  it("lists the four reasons for the US decision", async () => {
    const response = await api.get("/v1/claims?kind=reason").expect(200);
    expect(response.body.data.map((c: { id: string }) => c.id)).toEqual([
      "reason-america-first-priorities",
      "reason-frustration-with-ukraine",
      "reason-lack-of-progress",
      "reason-strategic-messaging",
    ]);
  });

  it("walks every claim through cursors without gaps or repeats", async () => {
    const claims = await walk(api.get, "/v1/claims?limit=7");
    expect(claims).toHaveLength(46);
    expect(new Set(claims.map((c) => c.id)).size).toBe(46);
  });

  it("filters by speaker, subject, source and text, combined", async () => {
    const statements = await api.get("/v1/claims?kind=statement&speaker=volodymyr-zelenskyy").expect(200);
    expect(statements.body.data.map((c: { id: string }) => c.id)).toEqual([
      "statement-zelenskyy-ceasefire-without-guarantees-dangerous",
      "statement-zelenskyy-unpredictable-diplomacy",
    ]);
    const about = await api.get("/v1/claims?about=china").expect(200);
    expect(about.body.data.map((c: { id: string }) => c.id)).toEqual(["reason-america-first-priorities"]);
    const fromArticle = await api.get("/v1/claims?source=us-withdrawal-from-peace-talks-2025&q=billion").expect(200);
    expect(fromArticle.body.data.map((c: { id: string }) => c.id)).toEqual(["fact-us-military-aid-since-2022"]);
    expect((await api.get("/v1/claims?source=reuters").expect(200)).body.data).toEqual([]);
  });

  it("pages through each combination of filters to exactly the claims the data holds, by id", async () => {
    const prisma = api.app().db.prisma;
    const byOrAbout = (actorId: string) => ({ OR: [{ speakerId: actorId }, { about: { some: { actorId } } }] });
    const cases: [string, Prisma.ClaimWhereInput][] = [
      ["/v1/actors/united-states/claims", byOrAbout("united-states")],
      ["/v1/claims?about=russia&kind=position", { kind: "position", about: { some: { actorId: "russia" } } }],
      ["/v1/actors/donald-trump/claims?kind=statement", { AND: [{ kind: "statement" }, byOrAbout("donald-trump")] }],
      [
        "/v1/actors/russia/claims?source=us-withdrawal-from-peace-talks-2025&kind=fact",
        {
          AND: [
            byOrAbout("russia"),
            { kind: "fact" },
            { evidence: { some: { sourceId: "us-withdrawal-from-peace-talks-2025" } } },
          ],
        },
      ],
      ["/v1/claims?speaker=donald-trump", { speakerId: "donald-trump" }],
      ["/v1/claims?q=russia", { id: { in: await searchMatches(api.get, "russia", "claim") } }],
      [
        "/v1/actors/ukraine/claims?q=ceasefire&kind=statement",
        {
          AND: [
            byOrAbout("ukraine"),
            { kind: "statement" },
            { id: { in: await searchMatches(api.get, "ceasefire", "claim") } },
          ],
        },
      ],
      [
        "/v1/claims?source=us-withdrawal-from-peace-talks-2025&q=us",
        {
          evidence: { some: { sourceId: "us-withdrawal-from-peace-talks-2025" } },
          id: { in: await searchMatches(api.get, "us", "claim") },
        },
      ],
    ];
    for (const [query, where] of cases) {
      const expected = await prisma.claim.findMany({ where, orderBy: { id: "asc" }, select: { id: true } });
      await expectWalkedIds(api.get, query, expected, 46);
    }
  });

  it("returns a statement with its speaker, figure-less, and its verbatim evidence", async () => {
    const response = await api.get("/v1/claims/statement-zelenskyy-ceasefire-without-guarantees-dangerous").expect(200);
    expect(response.body).toMatchObject({
      kind: "statement",
      speaker: { id: "volodymyr-zelenskyy", name: "Volodymyr Zelenskyy" },
      figure: null,
      implications: [{ id: "ukraine-increased-vulnerability", kind: "consequence", title: "Increased vulnerability" }],
      evidence: [{ quote: "Zelenskyy has emphasized that a ceasefire without guarantees is “dangerous,”" }],
    });
  });

  it("returns the figures the article gives", async () => {
    const response = await api.get("/v1/claims/fact-us-military-aid-since-2022").expect(200);
    expect(response.body.figure).toEqual({ value: 66_500_000_000, unit: "USD" });
    expect(response.body.evidence[0]).toMatchObject({ start: 3805, end: 3867 });
  });

  it("expands speaker and subjects with include=actors", async () => {
    const response = await api.get("/v1/claims/statement-rubio-move-on?include=actors").expect(200);
    expect(response.body.included.actors.map((a: { id: string }) => a.id)).toEqual([
      "marco-rubio",
      "russia",
      "ukraine",
      "united-states",
    ]);
  });

  it("answers 404 for an unknown claim and 400 for an unknown kind", async () => {
    await api.get("/v1/claims/fact-flat-earth").expect(404);
    await api
      .get("/v1/claims?kind=rumour")
      .expect(400)
      .expect("content-type", /problem\+json/);
  });
});
