import { expect, it } from "vitest";
import type { Prisma } from "../../src/generated/sqlite/client.js";
import { expectWalkedIds, searchMatches, useTestApp, walk } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

describeEachDatabase("actors API", (provider) => {
  const api = useTestApp(provider);

  it("lists actors in id order with a page envelope", async () => {
    const response = await api
      .get("/v1/actors")
      .expect(200)
      .expect("content-type", /application\/json/);
    expect(response.body.page).toEqual({ limit: 20, nextCursor: null });
    const ids = response.body.data.map((a: { id: string }) => a.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(19);
  });

  it("filters by kind", async () => {
    const response = await api.get("/v1/actors?kind=person").expect(200);
    expect(response.body.data.map((a: { id: string }) => a.id)).toEqual([
      "donald-trump",
      "marco-rubio",
      "vladimir-putin",
      "volodymyr-zelenskyy",
    ]);
  });

  it("filters by text, combinable with kind", async () => {
    const response = await api.get("/v1/actors?q=secretary&kind=person").expect(200);
    expect(response.body.data.map((a: { id: string }) => a.id)).toEqual(["marco-rubio"]);
    expect((await api.get("/v1/actors?q=secretary&kind=country").expect(200)).body.data).toEqual([]);
  });

  it("pages through kind and text filters to exactly the actors the data holds, by id", async () => {
    const prisma = api.app().db.prisma;
    const matches = await searchMatches(api.get, "european", "actor");
    const cases: [string, Prisma.ActorWhereInput][] = [
      ["kind=person", { kind: "person" }],
      ["q=european", { id: { in: matches } }],
      ["kind=country&q=european", { kind: "country", id: { in: matches } }],
    ];
    const all = await prisma.actor.count();
    for (const [query, where] of cases) {
      const expected = await prisma.actor.findMany({ where, orderBy: { id: "asc" }, select: { id: true } });
      await expectWalkedIds(api.get, `/v1/actors?${query}`, expected, all);
    }
  });

  it("returns one actor bare, with relations summarised and evidence", async () => {
    const response = await api.get("/v1/actors/marco-rubio").expect(200);
    expect(response.body).toMatchObject({
      id: "marco-rubio",
      kind: "person",
      name: "Marco Rubio",
      wikidataId: "Q324546",
      actsFor: { id: "united-states", name: "United States" },
      role: "Secretary of State",
    });
    expect(response.body.evidence[0]).toMatchObject({
      source: { id: "us-withdrawal-from-peace-talks-2025" },
      quote: "articulated by Secretary of State Marco Rubio and echoed by Trump",
    });
    const us = await api.get("/v1/actors/united-states").expect(200);
    expect(us.body).toMatchObject({ iso3: "USA", wikidataId: "Q30", aliases: ["U.S.", "US", "Washington"] });
    expect(us.body.members.map((m: { id: string }) => m.id)).toEqual(["donald-trump", "marco-rubio"]);
  });

  it("lists the implications for Europe: those filed under it, and all bearing on it", async () => {
    const all = await api.get("/v1/actors/europe/implications").expect(200);
    expect(all.body.data.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining(["europe-nato-tensions", "ukraine-reduced-leverage", "scenario-european-led-mediation"]),
    );
    const response = await api.get("/v1/actors/europe/implications?kind=consequence&role=subject").expect(200);
    expect(response.body.data.map((i: { id: string }) => i.id)).toEqual([
      "europe-increased-responsibility",
      "europe-nato-tensions",
      "europe-refugee-and-economic-pressures",
    ]);
  });

  it("lists claims by or about an actor", async () => {
    const response = await api.get("/v1/actors/volodymyr-zelenskyy/claims").expect(200);
    const ids = response.body.data.map((c: { id: string }) => c.id);
    expect(ids).toContain("statement-zelenskyy-ceasefire-without-guarantees-dangerous");
    expect(ids).toContain("statement-trump-criticizes-zelenskyy");
    const reasons = await api.get("/v1/actors/united-states/claims?kind=reason").expect(200);
    expect(reasons.body.data).toHaveLength(4);
  });

  it("lists the events an actor took part in, in date order", async () => {
    const response = await api.get("/v1/actors/volodymyr-zelenskyy/events").expect(200);
    expect(response.body.data.map((e: { id: string }) => e.id)).toEqual(["oval-office-meeting"]);
    const ukraine = await walk(api.get, "/v1/actors/ukraine/events?from=2025");
    expect(ukraine.map((e) => e.id)).toContain("victory-day-truce-proposal");
    expect(ukraine.map((e) => e.id)).not.toContain("russian-full-scale-invasion");
  });

  it("answers 404 problem+json for an unknown actor and its sub-resources", async () => {
    for (const url of [
      "/v1/actors/atlantis",
      "/v1/actors/atlantis/implications",
      "/v1/actors/atlantis/claims",
      "/v1/actors/atlantis/events",
    ]) {
      const response = await api
        .get(url)
        .expect(404)
        .expect("content-type", /application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 404,
        title: "Not Found",
        detail: 'No actor has the id "atlantis".',
      });
    }
  });

  it("answers 400 for an unknown kind and unknown parameters", async () => {
    const kind = await api
      .get("/v1/actors?kind=planet")
      .expect(400)
      .expect("content-type", /problem\+json/);
    expect(kind.body.invalidParams).toEqual([expect.objectContaining({ in: "query", name: "kind" })]);
    const unknown = await api.get("/v1/actors?colour=red").expect(400);
    expect(unknown.body.invalidParams).toEqual([expect.objectContaining({ in: "query", name: "colour" })]);
  });
});
