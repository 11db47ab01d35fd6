// Implications as forecasts: each carries its source's own words of likelihood
// (the hedge, verbatim in its evidence), the ICD 203 band the table reads from
// them, and a horizon where the source gives one; imports are held to the same
// rule, lists filter by band, and sources that put one implication in
// different bands are a disagreement the record shows.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.js";
import { hedgeTable, likelihoodOf, wholeWordsAt } from "../../src/content/likelihood.js";
import { useTestApp } from "../helpers/api.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { describeEachDatabase } from "../helpers/test-database.js";

interface Implication {
  id: string;
  hedge: string | null;
  likelihood: string;
  horizon: string | null;
  evidence: { quote: string }[];
  conflicts: { field: string; values: { value: unknown; sources: string[] }[] }[];
}

describe("the likelihood table", () => {
  it("reads the longest words it knows, as whole words only", () => {
    expect(likelihoodOf("could")).toBe("roughly-even-chance");
    expect(likelihoodOf("would")).toBe("likely");
    expect(likelihoodOf("makes this unlikely")).toBe("unlikely");
    expect(likelihoodOf("very unlikely")).toBe("very-unlikely");
    expect(likelihoodOf("Very Likely")).toBe("very-likely");
    expect(likelihoodOf("almost certainly")).toBe("almost-certain");
    expect(likelihoodOf("the mayor")).toBeUndefined();
    expect(likelihoodOf("shouldn't")).toBeUndefined();
    expect(wholeWordsAt("the mayor may go", "may")).toBe(10);
    expect(wholeWordsAt("Moscow may face", "may")).toBe(7);
  });

  it("gives every entry its band and no words twice", () => {
    const words = hedgeTable.map(([w]) => w);
    expect(new Set(words).size).toBe(words.length);
    for (const [w, band] of hedgeTable) expect(likelihoodOf(w)).toBe(band);
  });
});

describeEachDatabase("implications as forecasts", (provider) => {
  const api = useTestApp(provider, { rateLimit: false });
  let token: string;
  beforeAll(async () => {
    token = (await createApiKey(api.app().db.prisma, "forecasts", ["write"])).token;
  });
  const post = (body: object) =>
    request(api.app().server).post("/v1/imports").set("authorization", `Bearer ${token}`).send(body);
  const all = async (query = "") =>
    (await api.get(`/v1/implications?limit=100${query}`).expect(200)).body.data as Implication[];

  it("gives each of the article's implications its own words of likelihood, verbatim in its evidence, and their band", async () => {
    const implications = await all();
    expect(implications).toHaveLength(16);
    for (const i of implications) {
      if (i.hedge === null) {
        expect(i.likelihood, i.id).toBe("unstated");
        continue;
      }
      expect(
        i.evidence.some((e) => wholeWordsAt(e.quote, i.hedge as string) >= 0),
        `${i.id}: "${i.hedge}"`,
      ).toBe(true);
      expect(i.likelihood, i.id).toBe(likelihoodOf(i.hedge));
    }
    const byId = Object.fromEntries(implications.map((i) => [i.id, i]));
    expect(byId["scenario-unilateral-ceasefire"]).toMatchObject({
      hedge: "makes this unlikely",
      likelihood: "unlikely",
    });
    expect(byId["europe-increased-responsibility"]).toMatchObject({ hedge: "would", likelihood: "likely" });
    expect(byId["russia-strategic-advantage"]).toMatchObject({ hedge: "could", likelihood: "roughly-even-chance" });
    // "Kremlin statements suggest Russia is playing for time": a reading of the present, with no words of likelihood.
    expect(byId["russia-tactical-delays"]).toMatchObject({ hedge: null, likelihood: "unstated", horizon: null });
    expect(implications.filter((i) => i.likelihood === "unstated")).toHaveLength(1);
  });

  it("filters a list, and an actor's list, by band", async () => {
    const implications = await all();
    const likely = await all("&likelihood=likely");
    expect(likely.map((i) => i.id)).toEqual(implications.filter((i) => i.likelihood === "likely").map((i) => i.id));
    expect(likely.map((i) => i.id)).toEqual([
      "europe-increased-responsibility",
      "global-moral-and-humanitarian-impact",
    ]);
    const europe = (await api.get("/v1/actors/europe/implications?likelihood=likely").expect(200)).body.data;
    expect(europe.map((i: Implication) => i.id)).toEqual(["europe-increased-responsibility"]);
    const bad = await api.get("/v1/implications?likelihood=probable").expect(400);
    expect(bad.body.invalidParams[0]).toMatchObject({ in: "query", name: "likelihood" });
  });

  it("holds an import to the same rule: the words must be in the evidence, whole, and known to the table", async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ hedge: "probably" }, "hedge", /not in the implication's evidence/],
      [{ hedge: "Analysts" }, "hedge", /no words of likelihood the table knows/],
      [{ hedge: "xpect" }, "hedge", /not in the implication's evidence/],
      [{ horizon: "by 2030" }, "horizon", /not in the implication's evidence/],
    ];
    for (const [fields, field, reason] of cases) {
      const bundle = bundleFixture();
      Object.assign(bundle.implications[0], fields);
      const response = await post(bundle).expect(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.body.invalidParams).toContainEqual(
        expect.objectContaining({ in: "body", name: `implications.0.${field}`, reason: expect.stringMatching(reason) }),
      );
    }
    await api.get("/v1/implications/russia-added-economic-strain").expect(404);
  });

  it("stores an import's hedge and horizon, and shows sources that put it in different bands as a disagreement", async () => {
    const bundle = bundleFixture();
    bundle.document.text = `${bundle.document.text} The strain could be felt in the coming months.`;
    bundle.implications[0].evidence.push("The strain could be felt in the coming months.");
    bundle.implications[0].horizon = "in the coming months";
    await post(bundle).expect(201);
    const first = (await api.get("/v1/implications/russia-added-economic-strain").expect(200)).body as Implication;
    expect(first).toMatchObject({
      hedge: "expect",
      likelihood: "likely",
      horizon: "in the coming months",
      conflicts: [],
    });

    // A second document states the same implication, as a mere possibility.
    const second = bundleFixture();
    second.document.id = "second-note-on-sanctions";
    second.document.title = "A second note on the sanctions";
    second.document.text = "The new sanctions might add to the strains on Russia's economy.";
    second.actors = [];
    second.events = [];
    second.claims = [];
    second.implications = [
      {
        ...second.implications[0],
        claims: [],
        hedge: "might",
        evidence: ["The new sanctions might add to the strains on Russia's economy."],
      },
    ];
    second.document.evidence = ["The new sanctions might add"];
    await post(second).expect(201);
    const both = (await api.get("/v1/implications/russia-added-economic-strain").expect(200)).body as Implication;
    // The originating document's words stand; the other band is listed with who gives it.
    expect(both).toMatchObject({ hedge: "expect", likelihood: "likely" });
    expect(both.conflicts).toEqual([
      {
        field: "likelihood",
        values: [
          { value: "likely", sources: ["eu-sanctions-note-2026"] },
          { value: "roughly-even-chance", sources: ["second-note-on-sanctions"] },
        ],
      },
    ]);
  });
});
