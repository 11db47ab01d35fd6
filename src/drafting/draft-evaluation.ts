// How close a draft comes to what a person curated from the same text: the
// actors found under the right id, events with a compatible date, figures
// with the right value and unit, statements with the right speaker,
// implications under the right subject, and the share of the curated passages
// some drafted passage overlaps. `npm run draft:eval` prints it; a test holds
// the article's draft to the targets.
import type { Bundle, BundleInput } from "../content/bundle-schema.js";

export interface Expectations {
  /** The publication date the text's partial dates are read against. */
  published: string;
  actors: string[];
  events: { passages: string[]; date: string }[];
  figures: { passages: string[]; value: number; unit: string }[];
  statements: { passages: string[]; speaker: string }[];
  implications: { passages: string[]; kind: "consequence" | "scenario"; subjects: string[] }[];
  /** Every passage the curated records cite; by default, those above. */
  evidence?: string[];
}

/** The curated seed as expectations, read against the article's publication (the last days of April 2025). */
export function expectationsOfBundle(bundle: Bundle, published: string): Expectations {
  return {
    published,
    actors: bundle.actors.map((a) => a.id),
    events: bundle.events.map((e) => ({ passages: e.evidence, date: e.date })),
    figures: bundle.claims.flatMap((c) => (c.figure ? [{ passages: c.evidence, ...c.figure }] : [])),
    statements: bundle.claims.flatMap((c) =>
      c.kind === "statement" && c.speaker ? [{ passages: c.evidence, speaker: c.speaker }] : [],
    ),
    implications: bundle.implications.map((i) => ({
      passages: i.evidence,
      kind: i.kind,
      subjects: i.actors.filter((a) => a.role === "subject").map((a) => a.actor),
    })),
    evidence: [
      ...bundle.actors,
      ...bundle.events,
      ...bundle.claims,
      ...bundle.implications,
      ...bundle.citedSources,
    ].flatMap((r) => r.evidence),
  };
}

export interface Score {
  found: number;
  of: number;
  share: number;
  missed: string[];
}

export interface Evaluation {
  actors: Score & { drafted: number; precision: number };
  events: Score;
  figures: Score;
  statements: Score;
  implications: Score & { exactSubjects: number };
  evidence: Score;
}

type Span = { start: number; end: number };

const score = (found: number, of: number, missed: string[]): Score => ({
  found,
  of,
  share: of === 0 ? 1 : found / of,
  missed,
});

/** Dates compatible at the precision both state: `2025` and `2025-04`, not `2025-03` and `2025-04`. */
const compatible = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

export function evaluateDraft(text: string, draft: BundleInput, expected: Expectations): Evaluation {
  const spansOf = (passages: string[]): Span[] =>
    passages.flatMap((p) => {
      const start = text.indexOf(p);
      return start < 0 ? [] : [{ start, end: start + p.length }];
    });
  const overlap = (a: Span[], b: Span[]) => a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
  const records = <T extends { evidence: string[] }>(list: T[] | undefined) =>
    (list ?? []).map((record) => ({ record, spans: spansOf(record.evidence) }));
  const actors = new Set((draft.actors ?? []).map((a) => a.id));
  const events = records(draft.events);
  const claims = records(draft.claims);
  const implications = records(draft.implications);
  const all = [...records(draft.actors), ...events, ...claims, ...implications].flatMap((r) => r.spans);

  const matching = <E extends { passages: string[] }>(
    list: E[],
    isMatch: (item: E, spans: Span[]) => boolean,
    describe: (item: E) => string,
  ) => {
    const missed = list.filter((item) => !isMatch(item, spansOf(item.passages))).map(describe);
    return score(list.length - missed.length, list.length, missed);
  };
  const subjectsOf = (i: NonNullable<BundleInput["implications"]>[number]) =>
    i.actors.filter((a) => a.role === "subject").map((a) => a.actor);

  const correct = expected.actors.filter((id) => actors.has(id));
  const implicationScore = matching(
    expected.implications,
    (item, spans) =>
      implications.some(
        (d) =>
          d.record.kind === item.kind &&
          overlap(d.spans, spans) &&
          item.subjects.every((s) => subjectsOf(d.record).includes(s)),
      ),
    (item) => `${item.kind} for ${item.subjects.join(", ")}: ${item.passages[0]}`,
  );
  const evidence =
    expected.evidence ??
    [...expected.events, ...expected.figures, ...expected.statements, ...expected.implications].flatMap(
      (e) => e.passages,
    );
  const uncovered = evidence.filter((p) => !overlap(spansOf([p]), all));
  return {
    actors: {
      ...score(
        correct.length,
        expected.actors.length,
        expected.actors.filter((id) => !actors.has(id)),
      ),
      drafted: actors.size,
      precision: actors.size === 0 ? 1 : [...actors].filter((id) => expected.actors.includes(id)).length / actors.size,
    },
    events: matching(
      expected.events,
      (item, spans) => events.some((d) => overlap(d.spans, spans) && compatible(d.record.date, item.date)),
      (item) => `${item.date}: ${item.passages[0]}`,
    ),
    figures: matching(
      expected.figures,
      (item, spans) =>
        claims.some(
          (d) =>
            d.record.figure?.unit === item.unit &&
            Math.abs((d.record.figure?.value ?? Number.NaN) - item.value) <= 1e-9 * Math.abs(item.value) &&
            overlap(d.spans, spans),
        ),
      (item) => `${item.value} ${item.unit}`,
    ),
    statements: matching(
      expected.statements,
      (item, spans) =>
        claims.some(
          (d) => d.record.kind === "statement" && d.record.speaker === item.speaker && overlap(d.spans, spans),
        ),
      (item) => `${item.speaker}: ${item.passages[0]}`,
    ),
    implications: {
      ...implicationScore,
      exactSubjects: expected.implications.filter((item) =>
        implications.some(
          (d) =>
            d.record.kind === item.kind &&
            overlap(d.spans, spansOf(item.passages)) &&
            subjectsOf(d.record).length === item.subjects.length &&
            item.subjects.every((s) => subjectsOf(d.record).includes(s)),
        ),
      ).length,
    },
    evidence: score(evidence.length - uncovered.length, evidence.length, uncovered),
  };
}
