// Implications: each item under a heading "For <actor>" is a consequence for
// that actor; each item under a heading of paths forward or scenarios is a
// scenario, for the actors its label names (a person's country, when the
// knowledge base knows it), or "both sides" (the document's two most named
// countries), or else the actors its first sentence names.
import { type BundleInput, textLimits } from "../content/bundle-schema.js";
import { type Line, type Span, spansWithin } from "./document-structure.js";
import {
  capitalise,
  clip,
  type DraftContext,
  type DraftMark,
  evidenceFor,
  idOf,
  slugOf,
  textOf,
} from "./draft-context.js";
import type { ActorMention } from "./known-actors.js";

type ImplicationRecord = NonNullable<BundleInput["implications"]>[number];

const subjectHeading = /^For\s+(?:the\s+)?(.+)$/u;
const scenarioHeading = /\b(?:paths?\s+forward|scenarios?|outlook|what\s+next|ways?\s+forward|options)\b/iu;
const bothSides = /\b(?:both\s+(?:sides|parties)|the\s+two\s+sides)\b/iu;

/** The span of a heading "For X" that names X. */
export function subjectNameOf(text: string, heading: Line): Span | undefined {
  const match = subjectHeading.exec(text.slice(heading.start, heading.end));
  if (!match?.[1]) return undefined;
  const end = heading.end;
  return { start: end - match[1].length, end };
}

export function draftImplications(
  context: DraftContext,
  mentions: ActorMention[],
  claimSpans: Map<string, Span>,
): ImplicationRecord[] {
  const text = context.structure.text;
  const actorsIn = (span: Span) => [...new Set(spansWithin(mentions, span).map((m) => m.actorId))];
  const claimsByStart = [...claimSpans.entries()]
    .map(([id, span]) => ({ id, ...span }))
    .sort((a, b) => a.start - b.start);
  const countries = mostNamedCountries(context, mentions);
  return context.structure.lines.flatMap((line): ImplicationRecord[] => {
    if (line.kind !== "item" || !line.heading) return [];
    const headingText = textOf(context, line.heading);
    const subjectName = subjectNameOf(text, line.heading);
    const named = actorsIn(line);
    let subjects: string[];
    let draft: DraftMark;
    let kind: ImplicationRecord["kind"];
    if (subjectName) {
      subjects = actorsIn(subjectName).slice(0, 1);
      kind = "consequence";
      draft = { confidence: 0.7, matchedVia: headingText, rule: "item-under-for-heading" };
    } else if (scenarioHeading.test(headingText)) {
      subjects = scenarioSubjects(context, line, actorsIn, countries);
      kind = "scenario";
      draft = { confidence: 0.6, matchedVia: headingText, rule: "item-under-scenarios-heading" };
    } else return [];
    if (subjects.length === 0) return [];
    const evidence = evidenceFor(context, [line]);
    if (!evidence) return [];
    const label = line.label ? textOf(context, line.label) : undefined;
    const summary = textOf(context, line.body ?? line);
    const title = capitalise(label ?? clip(summary, 120));
    const actors = [
      ...subjects.map((actor) => ({ actor, role: "subject" as const })),
      ...named.filter((a) => !subjects.includes(a)).map((actor) => ({ actor, role: "involved" as const })),
    ];
    const claims = spansWithin(claimsByStart, line).map((c) => c.id);
    const base = idOf(kind === "scenario" ? "scenario" : (subjects[0] as string), slugOf(title, 6));
    return [
      {
        id: context.newId("implication", base),
        kind,
        title: clip(title, textLimits.title),
        summary: clip(summary, textLimits.summary),
        actors: actors.slice(0, 100),
        claims: claims.slice(0, 200),
        evidence: [evidence],
        draft,
      },
    ];
  });
}

function scenarioSubjects(
  context: DraftContext,
  line: Line,
  actorsIn: (span: Span) => string[],
  countries: string[],
): string[] {
  // A person's scenario is their country's ("Trump's Reengagement" is one for the United States).
  // A person the knowledge base does not place is a subject only when no country or body is named.
  const asSubject = (ids: string[]) => {
    const subjects = [...new Set(ids.map((id) => context.actors.get(id)?.actsFor ?? id))];
    const bodies = subjects.filter((id) => context.actors.get(id)?.kind !== "person");
    return bodies.length > 0 ? bodies : subjects;
  };
  const fromLabel = line.label ? asSubject(actorsIn(line.label)) : [];
  if (fromLabel.length > 0) return fromLabel;
  const first = line.sentences[0];
  if (!first) return [];
  if (bothSides.test(textOf(context, first))) return countries;
  return asSubject(actorsIn({ start: line.body?.start ?? first.start, end: first.end }));
}

/** The two countries the document names most: the sides of "both sides". */
function mostNamedCountries(context: DraftContext, mentions: ActorMention[]): string[] {
  const counts = new Map<string, number>();
  for (const m of mentions)
    if (context.actors.get(m.actorId)?.kind === "country") counts.set(m.actorId, (counts.get(m.actorId) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([id]) => id);
}
