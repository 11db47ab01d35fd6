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

  it("ranks every match while fewer match than the bound, and says how many", async () => {
    const all = (await walk(api.get, "/v1/search?q=ceasefire&limit=5")) as Hit[];
    const response = await api.get("/v1/search?q=ceasefire&limit=5").expect(200);
    expect(response.body.matches).toEqual({ ranked: all.length, limited: false });
    const none = await api.get("/v1/search?q=xylophone").expect(200);
    expect(none.body).toMatchObject({ data: [], matches: { ranked: 0, limited: false } });
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

  it("treats query syntax and injection attempts as plain words", async () => {
    for (const q of ['"unbalanced', "NEAR(a b)", "x' OR 1=1 --", "*", "title:russia", "a & b | !c"]) {
      const response = await api.get(`/v1/search?q=${encodeURIComponent(q)}`).expect(200);
      expect(Array.isArray(response.body.data), q).toBe(true);
    }
  });

  it("requires q, and rejects a cursor from another list", async () => {
    const missing = await api.get("/v1/search").expect(400);
    expect(missing.body.invalidParams[0]).toMatchObject({ in: "query", name: "q" });
    const list = await api.get("/v1/claims?limit=1").expect(200);
    const foreign = await api.get(`/v1/search?q=russia&cursor=${list.body.page.nextCursor}`).expect(400);
    expect(foreign.body.invalidParams[0]).toMatchObject({ name: "cursor" });
  });
});

describeEachDatabase("search with more matches than it ranks", (provider) => {
  const api = useTestApp(provider, { searchMaxRanked: 5 });
  const claim = (id: string) => ({
    id,
    kind: "position",
    text: "Ukraine calls for an immediate, full ceasefire, once more.",
    about: ["ukraine"],
    evidence: ["Ukraine’s call for an immediate, full ceasefire"],
  });

  it("ranks the most recently indexed matches, says so, and pages through those alone", async () => {
    const first = await api.get("/v1/search?q=ceasefire&limit=2").expect(200);
    expect(first.body.matches).toEqual({ ranked: 5, limited: true });
    const hits = (await walk(api.get, "/v1/search?q=ceasefire&limit=2")) as Hit[];
    expect(hits).toHaveLength(5);
    expect(new Set(hits.map((h) => `${h.type}/${h.id}`)).size).toBe(5);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const claims = (await walk(api.get, "/v1/search?q=ceasefire&type=claim&limit=2")) as Hit[];
    expect(claims).toHaveLength(5);
    expect(claims.every((h) => h.type === "claim")).toBe(true);

    // A record indexed after all the others is among those ranked.
    const seed = editedSeed({ "claims.json": (rows) => [...rows, claim("position-ukraine-ceasefire-restated")] });
    await api.app().writeKnowledge([loadSeedDocument(seed)], {});
    const after = (await walk(api.get, "/v1/search?q=ceasefire&limit=2")) as Hit[];
    expect(after).toHaveLength(5);
    expect(after.map((h) => h.id)).toContain("position-ukraine-ceasefire-restated");
  });
});
