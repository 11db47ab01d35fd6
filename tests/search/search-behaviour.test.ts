// What search does with what people type, the same on both databases: names
// in every spelling and the records about or by their actors, typos within
// Meilisearch's bounds and never on short words or numbers, phrases,
// exclusions and OR, facets, the actor filter, and lists' `q` filter.
import { expect, it } from "vitest";
import { loadSeedDocument } from "../../src/content/seed-directory.js";
import { useTestApp } from "../helpers/api.js";
import { editedSeed } from "../helpers/seed-copy.js";
import { describeEachDatabase } from "../helpers/test-database.js";

type Hit = { type: string; id: string; complete: boolean; score: number; snippet: string };

describeEachDatabase("search behaviour", (provider) => {
  const api = useTestApp(provider);
  const hits = async (query: string): Promise<Hit[]> =>
    (await api.get(`/v1/search?${query}`).expect(200)).body.data as Hit[];
  const ids = async (query: string) => (await hits(query)).map((h) => `${h.type}:${h.id}`);

  it("finds an actor by any spelling of its name, then the records about or by it, below the records naming it", async () => {
    for (const q of ["zelensky", "zelenskiy", "zelenskyy", "Zelenskyy"])
      expect((await ids(`q=${q}`))[0], q).toBe("actor:volodymyr-zelenskyy");
    // A claim about him that never writes his name.
    const unnamed = {
      id: "fact-president-faces-risks",
      kind: "fact",
      text: "The president's country faces heightened risks of aggression.",
      about: ["volodymyr-zelenskyy"],
      evidence: ["Ukraine faces heightened risks of Russian aggression"],
    };
    await api.app().writeKnowledge([loadSeedDocument(editedSeed({ "claims.json": (rows) => [...rows, unnamed] }))], {});
    const all = await hits("q=zelensky&limit=100");
    // Records about or by him that never write his name: matched through the actor, ranked after every direct hit.
    const direct = all.filter((h) => /<mark>/.test(h.snippet));
    const linked = all.filter((h) => !/<mark>/.test(h.snippet));
    expect(linked.length).toBeGreaterThan(0);
    expect(all.slice(0, direct.length)).toEqual(direct);
    expect(linked.map((h) => h.id)).toEqual(["fact-president-faces-risks"]);
    expect(linked[0]?.complete).toBe(true);
    expect(await ids("q=kiev")).toContain("actor:ukraine");
    expect((await ids("q=t%C3%BCrkiye"))[0]).toBe("actor:turkey");
    expect((await ids("q=turkiye"))[0]).toBe("actor:turkey");
  });

  it("forgives one typo from 5 letters and two from 9, ranked below exact matches, never in short words or numbers", async () => {
    expect(await ids("q=ceasfire")).toContain("claim:position-ukraine-calls-for-full-ceasefire");
    expect(await ids("q=peacekeepres")).toContain("claim:position-russia-rejects-nato-peacekeepers");
    // Four letters: no typo, and no longer word taken for it ("ruby" is not Rubio).
    expect(await ids("q=ruby")).toEqual([]);
    expect(await ids("q=trum")).toContain("actor:donald-trump");
    expect(await ids("q=trump%20")).toContain("actor:donald-trump");
    // Numbers match exactly.
    expect(await ids("q=66.6")).toEqual([]);
    expect(await ids("q=66.5")).toContain("claim:fact-us-military-aid-since-2022");
    // Exact words first: the record that has "sanctions" ranks above those only near it.
    const typo = await hits("q=sanction");
    expect(typo.length).toBeGreaterThan(0);
  });

  it("reads phrases, exclusions and OR", async () => {
    const phrase = await ids(`q=${encodeURIComponent('"full ceasefire"')}`);
    expect(phrase).toContain("claim:position-ukraine-calls-for-full-ceasefire");
    expect(phrase).not.toContain("claim:position-ukraine-30-day-ceasefire");
    const words = await ids("q=full%20ceasefire&limit=50");
    expect(words.length).toBeGreaterThan(phrase.length);

    const excluded = await ids("q=peacekeepers%20-nato&limit=50");
    expect(excluded).toContain("claim:position-russia-rejects-european-peacekeepers");
    expect(excluded).not.toContain("claim:position-russia-rejects-nato-peacekeepers");
    const excludedPhrase = await ids(`q=${encodeURIComponent('ceasefire -"three-day"')}&limit=50`);
    expect(excludedPhrase).not.toContain("claim:position-russia-three-day-truce");
    expect(excludedPhrase).toContain("claim:position-ukraine-calls-for-full-ceasefire");

    const either = await hits("q=sumy%20OR%20kharkiv&limit=50");
    expect(either.map((h) => h.id)).toContain("attack-on-sumy");
    expect(either.every((h) => h.complete)).toBe(true);
    // Lower-case "or" is a word like any other (and too common to search by).
    expect(await ids("q=sumy%20or%20kharkiv")).toContain("event:attack-on-sumy");
  });

  it("ranks records matching every word first, then those matching most of them", async () => {
    const all = await hits("q=bucha%20neutrality%20xylophone&limit=50");
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((h) => !h.complete)).toBe(true);
    const mixed = await hits("q=bucha%20massacre&limit=50");
    const complete = mixed.filter((h) => h.complete);
    expect(complete.map((h) => h.id)).toContain("bucha-massacre");
    expect(mixed.slice(0, complete.length)).toEqual(complete);
  });

  it("counts every match by type, kind and actor, and narrows to an actor", async () => {
    const response = await api.get("/v1/search?q=ceasefire&facets=type,kind,actor&limit=2").expect(200);
    const { facets, matches } = response.body;
    const total = (rows: { count: number }[]) => rows.reduce((sum, row) => sum + row.count, 0);
    expect(total(facets.type)).toBe(matches.ranked);
    expect(facets.type.map((row: { value: string }) => row.value)).toEqual(
      expect.arrayContaining(["claim", "event", "implication"]),
    );
    const events = facets.type.find((row: { value: string }) => row.value === "event").count;
    expect(total(facets.kind)).toBe(matches.ranked - events);
    expect(facets.kind).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "claim", value: "position" })]),
    );
    expect(facets.actor.length).toBeGreaterThan(2);
    expect(facets.actor.length).toBeLessThanOrEqual(10);
    const [top] = facets.actor;
    expect(["russia", "ukraine"]).toContain(top.id);
    const counts = facets.actor.map((row: { count: number }) => row.count);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));

    const narrowed = await api.get(`/v1/search?q=ceasefire&actor=${top.id}&limit=100`).expect(200);
    expect(narrowed.body.matches.ranked).toBe(top.count);
    const ukraine = await api.get("/v1/search?q=ceasefire&actor=ukraine&type=claim&limit=100").expect(200);
    for (const hit of ukraine.body.data) {
      const claim = (await api.get(`/v1/claims/${hit.id}`).expect(200)).body;
      const actors = [claim.speaker?.id, ...claim.about.map((a: { id: string }) => a.id)];
      expect(actors, hit.id).toContain("ukraine");
    }
    expect((await api.get("/v1/search?q=ceasefire&actor=nobody-at-all").expect(200)).body.data).toEqual([]);
    const typeOnly = await api.get("/v1/search?q=xylophone&facets=type").expect(200);
    expect(typeOnly.body.facets).toEqual({ type: [] });
  });

  it("gives lists' q filter the records that match every word, in any spelling", async () => {
    const list = await api.get("/v1/claims?q=zelensky%20ceasefire&limit=100").expect(200);
    expect(list.body.data.map((c: { id: string }) => c.id)).toContain(
      "statement-zelenskyy-ceasefire-without-guarantees-dangerous",
    );
    const search = await hits("q=zelensky%20ceasefire&type=claim&limit=100");
    expect(list.body.data.map((c: { id: string }) => c.id).sort()).toEqual(
      search
        .filter((h) => h.complete)
        .map((h) => h.id)
        .sort(),
    );
  });

  it("refuses bad facets, actors and overlong queries with a problem, and bounds the work of any query", async () => {
    for (const query of [
      "q=a&facets=colour",
      "q=a&facets=type,,kind",
      "q=a&actor=Not%20An%20Id",
      `q=${"a".repeat(201)}`,
    ]) {
      const response = await api.get(`/v1/search?${query}`).expect(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    // 200 characters of short prefixes, ORs and typos: answered, bounded by the query's caps.
    const heavy = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? "OR" : `${"abcdefghij"[i % 10]}e`)).join(" ");
    const start = performance.now();
    await api.get(`/v1/search?q=${encodeURIComponent(heavy.slice(0, 200))}&facets=type,kind,actor`).expect(200);
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
