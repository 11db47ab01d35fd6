import { expect, it } from "vitest";
import type { Prisma } from "../../src/generated/sqlite/client.js";
import { expectWalkedIds, searchMatches, useTestApp } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

describeEachDatabase("implications API", (provider) => {
  const api = useTestApp(provider);

  it("lists the four paths forward", async () => {
    const response = await api.get("/v1/implications?kind=scenario").expect(200);
    expect(response.body.data.map((i: { title: string }) => i.title).sort()).toEqual([
      "Continued stalemate",
      "European-led mediation",
      "Trump's reengagement",
      "Unilateral ceasefire",
    ]);
  });

  it("lists twelve consequences", async () => {
    const response = await api.get("/v1/implications?kind=consequence&limit=100").expect(200);
    expect(response.body.data).toHaveLength(12);
    expect(response.body.page.nextCursor).toBeNull();
  });

  it("filters by actor and text", async () => {
    const response = await api.get("/v1/implications?actor=china&q=taiwan").expect(200);
    expect(response.body.data.map((i: { id: string }) => i.id)).toEqual(["global-us-credibility"]);
  });

  it("pages through each combination of filters to exactly the implications the data holds, by id", async () => {
    const prisma = api.app().db.prisma;
    const cases: [string, Prisma.ImplicationWhereInput][] = [
      ["actor=russia", { actors: { some: { actorId: "russia" } } }],
      ["actor=ukraine&role=involved", { actors: { some: { actorId: "ukraine", role: "involved" } } }],
      ["actor=europe&kind=consequence", { kind: "consequence", actors: { some: { actorId: "europe" } } }],
      ["role=subject&kind=scenario", { kind: "scenario", actors: { some: { role: "subject" } } }],
      ["q=europe", { id: { in: await searchMatches(api.get, "europe", "implication") } }],
      [
        "actor=ukraine&q=russia",
        {
          actors: { some: { actorId: "ukraine" } },
          id: { in: await searchMatches(api.get, "russia", "implication") },
        },
      ],
    ];
    const all = await prisma.implication.count();
    for (const [query, where] of cases) {
      const expected = await prisma.implication.findMany({ where, orderBy: { id: "asc" }, select: { id: true } });
      await expectWalkedIds(api.get, `/v1/implications?${query}`, expected, all);
    }
  });

  it("returns an implication with its actors, claims and evidence summarised", async () => {
    const response = await api.get("/v1/implications/russia-tactical-delays").expect(200);
    expect(response.body).toMatchObject({
      kind: "consequence",
      title: "Tactical delays",
      actors: [
        { actor: { id: "russia", name: "Russia" }, role: "subject" },
        { actor: { id: "ukraine", name: "Ukraine" }, role: "involved" },
      ],
    });
    expect(response.body.claims.map((c: { id: string }) => c.id)).toEqual([
      "assessment-russia-playing-for-time",
      "position-russia-rejects-full-ceasefire",
      "position-russia-three-day-truce",
    ]);
    expect(response.body.evidence[0].quote).toMatch(
      /^Tactical Delays: Kremlin statements suggest Russia is playing for time/,
    );
  });

  it("expands supporting claims with their evidence, and actors, in one call", async () => {
    const response = await api.get("/v1/implications/ukraine-reduced-leverage?include=claims,actors").expect(200);
    const [claim] = response.body.included.claims;
    expect(claim).toMatchObject({
      id: "fact-us-military-aid-since-2022",
      figure: { value: 66_500_000_000, unit: "USD" },
    });
    expect(claim.evidence[0].quote).toBe("The U.S. has provided $66.5 billion in military aid since 2022");
    expect(response.body.included.actors.map((a: { id: string }) => a.id)).toEqual([
      "ukraine",
      "europe",
      "united-states",
    ]);
  });

  it("expands includes on list pages too", async () => {
    const response = await api.get("/v1/implications?kind=scenario&include=claims").expect(200);
    for (const implication of response.body.data) {
      expect(implication.included.claims.map((c: { id: string }) => c.id)).toEqual(
        implication.claims.map((c: { id: string }) => c.id),
      );
    }
  });

  it("answers 404 for an unknown implication", async () => {
    await api.get("/v1/implications/peace-in-our-time").expect(404);
  });
});
