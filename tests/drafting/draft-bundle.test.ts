// What `kb draft` proposes from a text: actors known by any spelling and new
// ones, events dated as the text dates them, claims by rule, implications
// under their subject; every record marked as a draft, every passage verbatim
// and unique, the whole a bundle an import takes. The article's draft is held
// to the targets docs/drafting.md reports.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { BundleInput } from "../../src/content/bundle-schema.js";
import { runToEnd } from "../../src/content/event-loop-share.js";
import { readSeedDirectory } from "../../src/content/seed-directory.js";
import { type DraftingKnowledge, type DraftRequest, draftingBundle } from "../../src/drafting/draft-bundle.js";
import { type Expectations, evaluateDraft, expectationsOfBundle } from "../../src/drafting/draft-evaluation.js";
import { knownActor } from "../../src/drafting/known-actors.js";
import { statedDates } from "../../src/drafting/stated-dates.js";
import { ContentBundle } from "../../src/modules/imports/schemas.js";

const seed = readSeedDirectory();
const seeded: DraftingKnowledge = {
  actors: seed.actors.map(knownActor),
  taken: () => false,
};
const empty: DraftingKnowledge = { actors: [], taken: () => false };
const draft = (request: DraftRequest, knowledge = seeded) => runToEnd(draftingBundle(request, knowledge));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/drafting/${name}`, import.meta.url), "utf8");

const records = (bundle: BundleInput) => [
  ...(bundle.actors ?? []),
  ...(bundle.events ?? []),
  ...(bundle.claims ?? []),
  ...(bundle.implications ?? []),
];
const occurrences = (text: string, passage: string) => text.split(passage).length - 1;

describe("the draft of seed/article.txt", () => {
  for (const [label, knowledge] of [
    ["with the seed's actors known", seeded],
    ["into an empty knowledge base", empty],
  ] as const) {
    it(`is a valid bundle, ${label}: every record a draft, every passage verbatim and unique`, () => {
      const bundle = draft({ text: seed.document.text, published: "2025-04-30" }, knowledge);
      const parsed = ContentBundle.safeParse(bundle);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(records(bundle).length).toBeGreaterThan(80);
      for (const record of records(bundle)) {
        expect(record.draft, record.id).toMatchObject({ rule: expect.any(String), matchedVia: expect.any(String) });
        for (const passage of record.evidence) expect(occurrences(seed.document.text, passage), passage).toBe(1);
      }
    });
  }

  it("meets the targets against the curated seed", () => {
    const expected = expectationsOfBundle(seed, "2025-04-30");
    const result = evaluateDraft(
      seed.document.text,
      draft({ text: seed.document.text, published: "2025-04-30" }),
      expected,
    );
    expect(result.actors.share).toBeGreaterThanOrEqual(0.9);
    expect(result.actors.precision).toBeGreaterThanOrEqual(0.7);
    expect(result.events.share).toBeGreaterThanOrEqual(0.75);
    expect(result.figures.missed).toEqual([]);
    expect(result.implications.missed).toEqual([]);
    expect(result.evidence.share).toBeGreaterThanOrEqual(0.7);
  });

  it("proposes each seed figure with its value and unit", () => {
    const figures = (draft({ text: seed.document.text, published: "2025-04-30" }).claims ?? []).flatMap(
      (c) => c.figure ?? [],
    );
    for (const figure of [
      { value: 66_500_000_000, unit: "USD" },
      { value: 8_000_000, unit: "people" },
      { value: 30, unit: "days" },
      { value: 3, unit: "days" },
    ])
      expect(figures).toContainEqual(figure);
  });

  it("puts the items under For Ukraine, For Russia, For Europe and For Global Geopolitics under those actors", () => {
    const implications = draft({ text: seed.document.text, published: "2025-04-30" }).implications ?? [];
    const subjects = (title: string) =>
      implications
        .find((i) => i.title === title)
        ?.actors.filter((a) => a.role === "subject")
        .map((a) => a.actor);
    expect(subjects("Reduced Leverage")).toEqual(["ukraine"]);
    expect(subjects("Tactical Delays")).toEqual(["russia"]);
    expect(subjects("NATO Tensions")).toEqual(["europe"]);
    expect(subjects("U.S. Credibility")).toEqual(["international-system"]);
    expect(subjects("Continued Stalemate")).toEqual(["ukraine", "russia"]);
    expect(subjects("Trump’s Reengagement")).toEqual(["united-states"]);
    expect(implications.filter((i) => i.kind === "consequence")).toHaveLength(12);
    expect(implications.filter((i) => i.kind === "scenario")).toHaveLength(4);
  });
});

describe("actors", () => {
  it("links every spelling of a known actor to its id, saying what matched and which rule", () => {
    const text =
      "Zelensky met officials in Kiev. Later, Zelenskiy said the U.S. and Washington had been told. Zelenskyy flew on. America agreed.";
    const bundle = draft({ text, published: "2026-01-10" });
    const actor = (id: string) => bundle.actors?.find((a) => a.id === id);
    expect(actor("volodymyr-zelenskyy")?.draft).toMatchObject({ matchedVia: "Zelenskyy", rule: "known-actor-alias" });
    expect(actor("volodymyr-zelenskyy")?.aliases).toEqual(expect.arrayContaining(["Zelensky", "Zelenskiy"]));
    expect(actor("ukraine")?.draft).toMatchObject({ matchedVia: "Kiev", rule: "known-actor-variant" });
    expect(actor("united-states")?.aliases).toEqual(expect.arrayContaining(["U.S.", "Washington", "America"]));
    // Linked, not redefined: the stored name and kind, and a description saying only where it is named.
    expect(actor("ukraine")).toMatchObject({ name: "Ukraine", kind: "country" });
  });

  it("does not read the pronoun us as the United States, nor an uncapitalised word as a one-word name", () => {
    const bundle = draft({ text: "Let us wait for the kremlin of opinion to settle.", published: "2026-01-10" });
    expect(bundle.actors).toEqual([]);
  });

  it("recognises new people and organisations, a later surname joined to the full name", () => {
    const bundle = draft({ text: fixture("grain-talks.txt"), published: "2026-03-12" });
    const ids = bundle.actors?.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(["oleh-marchenko", "irina-volkova", "emre-aksoy", "daniel-reyes"]));
    const volkova = bundle.actors?.find((a) => a.id === "irina-volkova");
    expect(volkova).toMatchObject({ kind: "person", name: "Irina Volkova", draft: { rule: "new-person" } });
    const text = "Petro Hryhorenko, the minister, said talks would continue. Hryhorenko added that ships were waiting.";
    const person = draft({ text, published: "2026-01-10" }).actors?.filter((a) => a.kind === "person");
    expect(person?.map((a) => a.id)).toEqual(["petro-hryhorenko"]);
    expect(person?.[0]?.aliases).toEqual(["Hryhorenko"]);
  });
});

describe("dates", () => {
  const published = new Date("2026-03-12T12:00:00Z");
  const dateOf = (text: string) => statedDates(text, published).map(({ date, endDate }) => ({ date, endDate }));

  it("dates only what the text dates, as precisely as it does", () => {
    expect(dateOf("By April, nothing had moved.")).toEqual([{ date: "2026-04", endDate: undefined }]);
    expect(dateOf("Talks were held in 2022.")).toEqual([{ date: "2022", endDate: undefined }]);
    expect(dateOf("A truce for May 8–10, 2025, was proposed.")).toEqual([
      { date: "2025-05-08", endDate: "2025-05-10" },
    ]);
    expect(dateOf("They met on Tuesday.")).toEqual([{ date: "2026-03-10", endDate: undefined }]);
    expect(dateOf("Aid has flowed since 2022.")).toEqual([]);
    expect(dateOf("The talks went on and on.")).toEqual([]);
  });

  it("makes an event of a dated sentence, its participants the actors it names", () => {
    const bundle = draft({ text: fixture("grain-talks.txt"), published: "2026-03-12" });
    const met = bundle.events?.find((e) => e.date === "2026-03-10");
    expect(met).toMatchObject({ location: "Istanbul", draft: { matchedVia: "on Tuesday" } });
    expect(met?.participants?.map((p) => p.actor)).toEqual(["ukraine", "russia"]);
    expect(bundle.events?.find((e) => e.date === "2023-07")).toBeDefined();
  });
});

describe("claims", () => {
  it("attributes statements to their speakers, through an appositive, an inversion or a pronoun", () => {
    const bundle = draft({ text: fixture("grain-talks.txt"), published: "2026-03-12" });
    const expected = JSON.parse(fixture("grain-talks.expected.json")) as Expectations;
    expect(evaluateDraft(fixture("grain-talks.txt"), bundle, expected).statements.missed).toEqual([]);
  });

  it("reads figures as values in units, and hedged analysis as assessments", () => {
    const bundle = draft({
      text: "Exports fell 12% in a year. The ministry paid €2.5 billion. Prices could rise further.",
      published: "2026-01-10",
    });
    const claims = bundle.claims ?? [];
    expect(claims.map((c) => [c.kind, c.figure])).toEqual([
      ["fact", { value: 12, unit: "percent" }],
      ["fact", { value: 2_500_000_000, unit: "EUR" }],
      ["assessment", undefined],
    ]);
  });
});

describe("limits", () => {
  it("never exceeds what an import takes, and gives up on passages a repeating text cannot make unique", () => {
    const text = `${"For Europe\n- A: Prices could rise by 5% in May 2025.\n".repeat(800)}`;
    const bundle = draft({ text, published: "2026-01-10" });
    expect(ContentBundle.safeParse(bundle).success).toBe(true);
    expect(records(bundle)).toEqual([]);
  });

  it("cuts an unpunctuated run of text into readable pieces", () => {
    const bundle = draft({ text: `${"word ".repeat(20_000)}Kyiv said it could.`, published: "2026-01-10" }, seeded);
    expect(ContentBundle.safeParse(bundle).success).toBe(true);
  });
});
