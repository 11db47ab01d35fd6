// The written queries of tests/search/queries.json (names in several
// spellings, typos, phrases, exclusions, figures, places), each with the
// records that must be among its first five hits: at least 95% pass on each
// database, through the API as a client asks.
import { expect, it } from "vitest";
import { evaluateSearch, readSearchCases } from "../../src/search/search-evaluation.js";
import { useTestApp } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

const cases = readSearchCases();

describeEachDatabase("search quality on the written queries", (provider) => {
  const api = useTestApp(provider);

  it("has at least 40 queries, each naming records the seed has", async () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      expect(c.top5.length, c.q).toBeGreaterThan(0);
      for (const ref of c.top5) {
        const [type, id] = ref.split(":");
        await api.get(`/v1/${type === "implication" ? "implications" : `${type}s`}/${id}`).expect(200);
      }
    }
  });

  it("finds the required records among the first five for at least 95% of the queries", async () => {
    const evaluation = await evaluateSearch(cases, async (q) => {
      const response = await api.get(`/v1/search?q=${encodeURIComponent(q)}&limit=10`).expect(200);
      return (response.body.data as { type: string; id: string }[]).map((hit) => `${hit.type}:${hit.id}`);
    });
    const failed = evaluation.cases.filter((c) => !c.passed).map((c) => `${c.q} -> ${c.hits.slice(0, 5).join(", ")}`);
    expect(evaluation.passRate, failed.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.meanReciprocalRank).toBeGreaterThan(0.8);
  });
});
