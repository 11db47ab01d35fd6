import { expect, it } from "vitest";
import { loadSeedDocument } from "../../src/content/seed-directory.js";
import { useTestApp, walk } from "../helpers/api.js";
import { editedSeed } from "../helpers/seed-copy.js";
import { describeEachDatabase } from "../helpers/test-database.js";

type Hit = { type: string; id: string; score: number };

describeEachDatabase("search API", (provider) => {
  const api = useTestApp(provider);

  it("finds records of every kind, ranked, with highlighted snippets", async () => {
    const response = await api.get("/v1/search?q=ceasefire").expect(200);
    const hits = response.body.data as { type: string; id: string; title: string; snippet: string; score: number }[];
    expect(hits.length).toBeGreaterThan(5);
    expect(new Set(hits.map((h) => h.type))).toEqual(new Set(["claim", "event", "implication"]));
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const hit of hits) expect(hit.snippet.toLowerCase()).toMatch(/<mark>ceasefire/);
  });

  it("ranks every match and says how many match every word", async () => {
    const all = (await walk(api.get, "/v1/search?q=ceasefire&limit=5")) as Hit[];
    const response = await api.get("/v1/search?q=ceasefire&limit=5").expect(200);
    expect(response.body.matches).toEqual({ ranked: all.length, complete: all.length, limited: false });
    const two = await api.get("/v1/search?q=ceasefire%20dangerous").expect(200);
    expect(two.body.matches.complete).toBeLessThan(two.body.matches.ranked);
    expect(two.body.data[0]).toMatchObject({ id: "statement-zelenskyy-ceasefire-without-guarantees-dangerous" });
    const none = await api.get("/v1/search?q=xylophone").expect(200);
    expect(none.body).toMatchObject({ data: [], matches: { ranked: 0, complete: 0, limited: false } });
  });

  it("ranks a record whose title matches above one that only mentions the word", async () => {
    const response = await api.get("/v1/search?q=coalition%20willing").expect(200);
    expect(response.body.data[0]).toMatchObject({ type: "actor", id: "coalition-of-the-willing" });
  });

  it("stems words and matches the last one as a prefix", async () => {
    const stemmed = await api.get("/v1/search?q=negotiations&type=claim").expect(200);
    expect(stemmed.body.data.map((h: { id: string }) => h.id)).toContain("statement-rubio-endless-negotiations");
    const prefix = await api.get("/v1/search?q=zelensk").expect(200);
    expect(prefix.body.data.map((h: { id: string }) => h.id)).toContain("volodymyr-zelenskyy");
  });

  it("filters by type and pages through every hit", async () => {
    const all = await walk(api.get, "/v1/search?q=russia&type=implication&limit=3");
    expect(all.length).toBeGreaterThan(3);
    expect(new Set(all.map((h) => h.id)).size).toBe(all.length);
  });

  it("escapes the snippet text so it is safe to insert as HTML", async () => {
    const response = await api.get("/v1/search?q=dangerous").expect(200);
    for (const hit of response.body.data) expect(hit.snippet.replaceAll(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });

  it("reads malformed syntax and injection attempts as words, never as an error", async () => {
    for (const q of [
      '"unbalanced',
      "NEAR(a b)",
      "x' OR 1=1 --",
      "*",
      "title:russia",
      "a & b | !c",
      "OR",
      "- -- ---",
      'OR OR "" -"" russia OR',
      "%_\\",
    ]) {
      const response = await api.get(`/v1/search?q=${encodeURIComponent(q)}`).expect(200);
      expect(Array.isArray(response.body.data), q).toBe(true);
    }
    const injected = await api.get(`/v1/search?q=${encodeURIComponent("x' OR russia --")}`).expect(200);
    expect(injected.body.data[0].snippet.toLowerCase()).toContain("<mark>russia");
  });

  it("requires q, and rejects a cursor from another list", async () => {
    const missing = await api.get("/v1/search").expect(400);
    expect(missing.body.invalidParams[0]).toMatchObject({ in: "query", name: "q" });
    const list = await api.get("/v1/claims?limit=1").expect(200);
    const foreign = await api.get(`/v1/search?q=russia&cursor=${list.body.page.nextCursor}`).expect(400);
    expect(foreign.body.invalidParams[0]).toMatchObject({ name: "cursor" });
  });
});

describeEachDatabase("search ranks every match, at any size", (provider) => {
  const api = useTestApp(provider);
  // Written after the seed, so indexed after it: 250 weaker matches of "ceasefire".
  const weak = Array.from({ length: 250 }, (_, i) => ({
    id: `fact-ceasefire-mention-${i}`,
    kind: "fact",
    text: `Observers noted in report ${i} that a ceasefire was mentioned once among many other matters of the long talks.`,
    about: ["ukraine"],
    evidence: ["Ukraine’s call for an immediate, full ceasefire"],
  }));

  it("ranks the best match first however many weaker ones were indexed after it", async () => {
    const seed = editedSeed({ "claims.json": (rows) => [...rows, ...weak] });
    await api.app().writeKnowledge([loadSeedDocument(seed)], {});
    const first = await api.get("/v1/search?q=ceasefire%20dangerous&limit=3").expect(200);
    expect(first.body.data[0]).toMatchObject({ id: "statement-zelenskyy-ceasefire-without-guarantees-dangerous" });
    expect(first.body.matches.ranked).toBeGreaterThan(250);
    expect(first.body.matches.complete).toBe(2);
    const all = (await walk(api.get, "/v1/search?q=ceasefire&limit=100")) as Hit[];
    expect(all.length).toBe(first.body.matches.ranked);
    expect(new Set(all.map((h) => `${h.type}/${h.id}`)).size).toBe(all.length);
    const scores = all.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The seed's short, direct statements rank above the long reports that mention the word once.
    const firstReport = all.findIndex((h) => h.id.startsWith("fact-ceasefire-mention-"));
    expect(all.slice(0, firstReport).map((h) => h.id)).toContain("position-ukraine-calls-for-full-ceasefire");
  });
});
