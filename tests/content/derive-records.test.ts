// The rule that derives the record a reader sees from what each document
// states about it (README, "Many sources, one record").
import { describe, expect, it } from "vitest";
import { deriveRecord } from "../../src/content/derive-records.js";
import type { Attested, EventFields } from "../../src/content/statements.js";

const event = (documentId: string, revision: number, fields: Partial<EventFields>): Attested => ({
  recordType: "event",
  recordId: "talks",
  documentId,
  revision,
  fields: {
    title: `${documentId}'s title`,
    summary: `${documentId}'s summary`,
    date: "2025",
    participants: [],
    ...fields,
  },
});

describe("deriving a record from its documents' statements", () => {
  it("takes the text from the originating document, whatever order the statements come in", () => {
    const derived = deriveRecord([event("later", 5, {}), event("first", 2, {})]);
    expect(derived.fields).toMatchObject({ title: "first's title", summary: "first's summary" });
    expect(derived.sourceCount).toBe(2);
  });

  it("takes an optional field the originating document leaves out from the first document that gives it", () => {
    const derived = deriveRecord([
      event("first", 1, {}),
      event("second", 2, { location: "Paris" }),
      event("third", 3, { location: "Rome" }),
    ]);
    expect(derived.fields).toMatchObject({ location: "Paris" });
  });

  it("takes the most precise date that every document's date contains", () => {
    const derived = deriveRecord([
      event("a", 1, { date: "2025-04" }),
      event("b", 2, { date: "2025" }),
      event("c", 3, { date: "2025-04-18" }),
    ]);
    expect(derived.fields).toMatchObject({ date: "2025-04-18" });
    expect(derived.conflicts).toEqual([]);
  });

  it("lists dates that do not nest as a conflict, and keeps the originating document's", () => {
    const derived = deriveRecord([
      event("b", 2, { date: "2025-05" }),
      event("a", 1, { date: "2025-04" }),
      event("c", 3, { date: "2025-04-18" }),
    ]);
    expect(derived.fields).toMatchObject({ date: "2025-04" });
    expect(derived.conflicts).toEqual([
      {
        field: "date",
        values: [
          { value: "2025-04", sources: ["a"] },
          { value: "2025-05", sources: ["b"] },
          { value: "2025-04-18", sources: ["c"] },
        ],
      },
    ]);
  });

  it("unites the documents' links, each with the first document's role", () => {
    const derived = deriveRecord([
      event("a", 1, { participants: [{ actor: "russia", role: "party" }] }),
      event("b", 2, {
        participants: [
          { actor: "ukraine", role: "party" },
          { actor: "russia", role: "aggressor" },
        ],
      }),
    ]);
    expect(derived.fields).toMatchObject({
      participants: [
        { actor: "russia", role: "party" },
        { actor: "ukraine", role: "party" },
      ],
    });
  });

  it("lists a claim's differing kind, speaker and figure as conflicts", () => {
    const claim = (documentId: string, revision: number, fields: object): Attested => ({
      recordType: "claim",
      recordId: "aid",
      documentId,
      revision,
      fields: { kind: "fact", text: `${documentId}'s text`, about: [], ...fields },
    });
    const derived = deriveRecord([
      claim("a", 1, { speaker: "marco-rubio", figure: { value: 1, unit: "USD" } }),
      claim("b", 2, { kind: "assessment", speaker: "donald-trump", figure: { value: 1, unit: "EUR" } }),
      claim("c", 3, { figure: { value: 1, unit: "USD" } }),
    ]);
    expect(derived.fields).toMatchObject({ kind: "fact", speaker: "marco-rubio", figure: { value: 1, unit: "USD" } });
    expect(derived.conflicts.map((conflict) => conflict.field)).toEqual(["kind", "speaker", "figure"]);
    expect(derived.conflicts[2]?.values).toEqual([
      { value: { value: 1, unit: "USD" }, sources: ["a", "c"] },
      { value: { value: 1, unit: "EUR" }, sources: ["b"] },
    ]);
  });

  it("gives an actor every name any document gives it, and puts a source's own document first", () => {
    const actor = (documentId: string, revision: number, name: string, aliases: string[]): Attested => ({
      recordType: "actor",
      recordId: "russia",
      documentId,
      revision,
      fields: { kind: "country", name, aliases, description: "A country." },
    });
    expect(
      deriveRecord([actor("a", 1, "Russia", ["Kremlin"]), actor("b", 2, "Russian Federation", ["Russia", "Moscow"])])
        .fields,
    ).toMatchObject({ name: "Russia", aliases: ["Kremlin", "Russian Federation", "Moscow"] });
    const source = (documentId: string, revision: number, title: string): Attested => ({
      recordType: "source",
      recordId: "report",
      documentId,
      revision,
      fields: { kind: "news", title },
    });
    expect(deriveRecord([source("citing", 1, "As cited"), source("report", 4, "Its own title")]).fields).toMatchObject({
      title: "Its own title",
    });
  });
});
