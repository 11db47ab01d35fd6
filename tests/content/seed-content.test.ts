// The article's content in seed/: complete, verbatim, and consistent.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/content-error.js";
import { defaultSeedDirectory, loadSeedDirectory } from "../../src/content/seed-directory.js";

const rows = loadSeedDirectory();
const article = readFileSync(join(defaultSeedDirectory, "article.txt"), "utf8");
const articleId = "us-withdrawal-from-peace-talks-2025";

const count = <T>(items: T[], predicate: (item: T) => boolean) => items.filter(predicate).length;

describe("seed content", () => {
  it("quotes every passage verbatim, at the offsets it records", () => {
    const codePoints = Array.from(article);
    expect(rows.evidence.length).toBeGreaterThan(100);
    for (const evidence of rows.evidence) {
      expect(evidence.sourceId).toBe(articleId);
      expect(codePoints.slice(evidence.start, evidence.end).join("")).toBe(evidence.quote);
    }
  });

  it("stores the article's full text as the analysis source", () => {
    const source = rows.sources.find((s) => s.id === articleId);
    expect(source?.kind).toBe("analysis");
    expect(source?.text).toBe(article);
  });

  it("has twelve consequences, three for each of the four groups, and four scenarios", () => {
    expect(count(rows.implications, (i) => i.kind === "consequence")).toBe(12);
    expect(count(rows.implications, (i) => i.kind === "scenario")).toBe(4);
    const consequences = new Set(rows.implications.filter((i) => i.kind === "consequence").map((i) => i.id));
    for (const group of ["ukraine", "russia", "europe", "international-system"]) {
      const subjects = rows.implicationActors.filter(
        (a) => a.actorId === group && a.role === "subject" && consequences.has(a.implicationId),
      );
      expect(subjects, group).toHaveLength(3);
    }
  });

  it("has the four reasons for the US decision", () => {
    expect(
      rows.claims
        .filter((c) => c.kind === "reason")
        .map((c) => c.id)
        .sort(),
    ).toEqual([
      "reason-america-first-priorities",
      "reason-frustration-with-ukraine",
      "reason-lack-of-progress",
      "reason-strategic-messaging",
    ]);
  });

  it("maps the global group to an actor of kind global", () => {
    expect(rows.actors.find((a) => a.id === "international-system")?.kind).toBe("global");
  });

  it("cites at least one passage for every actor, event, claim, implication and cited source", () => {
    const cited = (column: "actorId" | "eventId" | "claimId" | "implicationId" | "mentionedSourceId", id: string) =>
      rows.evidence.some((e) => e[column] === id);
    for (const a of rows.actors) expect(cited("actorId", a.id), a.id).toBe(true);
    for (const e of rows.events) expect(cited("eventId", e.id), e.id).toBe(true);
    for (const c of rows.claims) expect(cited("claimId", c.id), c.id).toBe(true);
    for (const i of rows.implications) expect(cited("implicationId", i.id), i.id).toBe(true);
    for (const s of rows.sources) expect(cited("mentionedSourceId", s.id), s.id).toBe(true);
  });

  it("links the cited outlets and the State Department to the article", () => {
    expect(rows.citations.map((c) => c.citedId).sort()).toEqual([
      "financial-times",
      "newsweek",
      "npr",
      "reuters",
      "the-guardian",
      "us-state-department",
    ]);
  });

  it("names the people the article names, acting for their countries", () => {
    const actsFor = Object.fromEntries(rows.actors.map((a) => [a.id, [a.actsForId, a.role]]));
    expect(actsFor["marco-rubio"]).toEqual(["united-states", "Secretary of State"]);
    expect(actsFor["donald-trump"]).toEqual(["united-states", "President"]);
    expect(actsFor["vladimir-putin"]).toEqual(["russia", "President"]);
    expect(actsFor["volodymyr-zelenskyy"]).toEqual(["ukraine", "President"]);
    expect(rows.actors.find((a) => a.id === "ukraine")).toMatchObject({ wikidataId: "Q212", iso3: "UKR" });
  });

  it("dates events as precisely as the article does", () => {
    const byId = Object.fromEntries(rows.events.map((e) => [e.id, e]));
    expect(byId["russian-full-scale-invasion"]).toMatchObject({ date: new Date("2022-02-01"), datePrecision: "month" });
    expect(byId["victory-day-truce-proposal"]).toMatchObject({
      date: new Date("2025-05-08"),
      datePrecision: "day",
      endDate: new Date("2025-05-10"),
    });
    for (const id of [
      "peace-talks-belarus-2022",
      "peace-talks-turkey-2022",
      "bucha-massacre",
      "saudi-arabia-talks-2025",
      "oval-office-meeting",
      "us-aid-suspension",
      "rubio-move-on-warning",
      "attack-on-sumy",
      "attack-on-kryvyi-rih",
    ]) {
      expect(byId[id], id).toBeDefined();
    }
  });

  it("records every figure the article gives", () => {
    const figures = rows.claims.filter((c) => c.figureValue !== null).map((c) => [c.figureValue, c.figureUnit]);
    expect(figures).toEqual(
      expect.arrayContaining([
        [66_500_000_000, "USD"],
        [8_000_000, "people"],
        [30, "days"],
        [3, "days"],
      ]),
    );
  });

  it("has no dangling references", () => {
    const actorIds = new Set(rows.actors.map((a) => a.id));
    const claimIds = new Set(rows.claims.map((c) => c.id));
    for (const p of rows.participants) expect(actorIds.has(p.actorId), p.actorId).toBe(true);
    for (const c of rows.claimActors) expect(actorIds.has(c.actorId), c.actorId).toBe(true);
    for (const i of rows.implicationActors) expect(actorIds.has(i.actorId), i.actorId).toBe(true);
    for (const i of rows.implicationClaims) expect(claimIds.has(i.claimId), i.claimId).toBe(true);
    for (const c of rows.claims) if (c.speakerId) expect(actorIds.has(c.speakerId), c.speakerId).toBe(true);
  });
});

describe("rejected content", () => {
  const brokenCopy = (file: string, edit: (text: string) => string) => {
    const dir = mkdtempSync(join(tmpdir(), "kb-seed-"));
    cpSync(defaultSeedDirectory, dir, { recursive: true });
    writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), "utf8")));
    return dir;
  };
  const editedCopy = <T>(file: string, edit: (records: T[]) => void) =>
    brokenCopy(file, (text) => {
      const records = JSON.parse(text) as T[];
      edit(records);
      return JSON.stringify(records);
    });
  const problemsOf = (dir: string) => {
    try {
      loadSeedDirectory(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      return (error as ContentError).problems;
    }
    throw new Error("content was accepted");
  };

  it("names the file when a content file is malformed JSON", () => {
    const problems = problemsOf(brokenCopy("claims.json", (text) => text.slice(0, -10)));
    expect(problems[0]).toMatchObject({ where: "claims.json" });
    expect(problems[0]?.problem).toMatch(/cannot be read as JSON/);
  });

  it("names the file, record and field when a record has the wrong shape", () => {
    const problems = problemsOf(
      brokenCopy("claims.json", (text) => text.replace('"kind": "reason"', '"kind": "rumour"')),
    );
    expect(problems[0]).toMatchObject({
      where: expect.stringMatching(/^claims\.json: claims\.\d+\.kind$/),
      record: "reason-lack-of-progress",
    });
  });

  it("names the record and quote when a quote is not verbatim in the article", () => {
    const problems = problemsOf(
      brokenCopy("claims.json", (text) =>
        text.replace("Rubio warned that the U.S. would “move on”", "Rubio warned that the US would move on"),
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        where: expect.stringMatching(/^claims\.json: /),
        record: "statement-rubio-move-on",
        problem: expect.stringMatching(/not verbatim/),
      }),
    ]);
  });

  it("names the record and id when a reference is unknown", () => {
    const problems = problemsOf(
      editedCopy<{ id: string; claims: string[] }>("implications.json", (records) => {
        const implication = records.find((r) => r.id === "ukraine-reduced-leverage");
        if (implication) implication.claims = ["fact-no-such-claim"];
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        record: "ukraine-reduced-leverage",
        problem: 'references unknown claim id "fact-no-such-claim"',
      }),
    ]);
  });

  it("rejects a quote that occurs more than once, since its position would be ambiguous", () => {
    const problems = problemsOf(
      editedCopy<{ id: string; evidence: string[] }>("actors.json", (records) => {
        const putin = records.find((r) => r.id === "vladimir-putin");
        if (putin) putin.evidence = ["Putin"];
      }),
    );
    expect(problems[0]?.problem).toMatch(/more than once/);
  });
});
