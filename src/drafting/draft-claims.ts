// Claims, one per clause that one of these rules reads, in this order:
// - an attributed statement ("Rubio warned…", "…, as noted by Zelenskyy",
//   "…was dismissed by Kyiv"): a `statement` with its speaker;
// - an actor's stance ("Russia insists on…", "Putin's insistence on…"): a `position`;
// - the first sentence of an item under a "Reasons…" heading: a `reason`;
// - hedged analysis ("could", "may", "would", "likely"): an `assessment`;
// - a figure (money, a share, a count, a duration): a `fact`.
// A clause's figure is the claim's `figure`; each further figure is a fact of its own.
import { type BundleInput, textLimits } from "../content/bundle-schema.js";
import type { Span } from "./document-structure.js";
import {
  capitalise,
  clip,
  type DraftContext,
  type DraftMark,
  evidenceFor,
  idOf,
  type ReadSentence,
  slugOf,
  textOf,
} from "./draft-context.js";
import { statedFigures } from "./figures.js";
import type { ActorMention } from "./known-actors.js";

type ClaimRecord = NonNullable<BundleInput["claims"]>[number];

const speechVerbs =
  /\b(?:said|says|warned|warns|noted|notes|stated|states|told|tells|announced|announces|emphasi[sz]ed|emphasi[sz]es|argued|argues|critici[sz]ed|critici[sz]es|accused|accuses|claimed|claims|added|urged|urges|described|dismissed|declared|vowed|promised|pledged|threatened|echoed|reinforced|welcomed|welcomes|condemned|condemns|praised|statements?|remarks?)\b/giu;
const stanceVerbs =
  /\b(?:insists|insisted|demands|demanded|seeks|sought|rejects|rejected|wants|wanted|proposed|proposes|agreed|agrees|refused|refuses|linked|opposes|opposed|supports|supported|offered|offers|calls for|called for)\b/giu;
const stanceNouns = /^['’]s\s+(?:rejection|insistence|demands?|call|proposal|proposed|refusal|offer|position)\b/iu;
const hedges = /\b(?:could|may|might|would|likely|unlikely|potentially|possibly|probably|risks?)\b/iu;
const reasonHeading = /^(?:reasons?|why|causes?)\b/iu;

/** How many words may stand between a speaker and its verb ("Trump has publicly criticized"). */
const maxWordsBetween = 3;

const wordsBetween = (text: string, from: number, to: number) =>
  text.slice(from, to).trim() === "" ? 0 : text.slice(from, to).trim().split(/\s+/u).length;

/** ", a spokesman for President Zelensky, ": an appositive between a speaker and its verb. */
const appositive = /^,\s+(?:a|an|the|its|his|her|their)\b[^,]*,\s*$/iu;

/**
 * The actor a verb in the clause is attributed to: named just before it (or
 * before an appositive), after "by", "to" or an inverted "said", or the
 * person the sentence before named when it is "he" or "she".
 */
function attributed(text: string, clause: Span, mentions: ActorMention[], verbs: RegExp, lastPerson?: ActorMention) {
  for (const verb of text.slice(clause.start, clause.end).matchAll(verbs)) {
    const at = clause.start + verb.index;
    const end = at + verb[0].length;
    const beforeAppositive = mentions.find((m) => m.end <= at && appositive.test(text.slice(m.end, at)));
    const pronoun = /\b(?:he|she)\s+(?:\S+\s+)?$/iu.test(text.slice(clause.start, at)) ? lastPerson : undefined;
    const before =
      beforeAppositive ??
      pronoun ??
      mentions.filter((m) => m.end <= at && wordsBetween(text, m.end, at) <= maxWordsBetween).at(-1);
    const after = mentions.find(
      (m) => m.start >= end && /^\s*(?:[,]\s*)?(?:by|to|according to)?\s*$/iu.test(text.slice(end, m.start)),
    );
    const byAfter = after && /\b(?:by|to)\s*$/iu.test(text.slice(end, after.start));
    // "was dismissed by Kyiv", "as noted by Zelenskyy", ", said Kovalenko": the one after; otherwise the one before.
    const speaker = byAfter ? after : (before ?? after);
    if (speaker) return { speaker, verb: verb[0] };
  }
  return undefined;
}

function ruleFor(
  context: DraftContext,
  read: ReadSentence,
  clause: Span,
  first: boolean,
  lastPerson: ActorMention | undefined,
): (DraftMark & { kind: ClaimRecord["kind"]; speaker?: string }) | undefined {
  const text = context.structure.text;
  const mentions = read.mentions.filter((m) => m.start >= clause.start && m.end <= clause.end);
  const statement = attributed(text, clause, mentions, speechVerbs, lastPerson);
  if (statement) {
    return {
      kind: "statement",
      speaker: statement.speaker.actorId,
      confidence: 0.6,
      matchedVia: statement.verb,
      rule: "attributed-statement",
    };
  }
  const stance = attributed(text, clause, mentions, stanceVerbs);
  if (stance) {
    return {
      kind: "position",
      speaker: stance.speaker.actorId,
      confidence: 0.5,
      matchedVia: stance.verb,
      rule: "stated-position",
    };
  }
  const possessive = mentions.find((m) => stanceNouns.test(text.slice(m.end)));
  if (possessive) {
    const noun = stanceNouns.exec(text.slice(possessive.end))?.[0] ?? "";
    return {
      kind: "position",
      speaker: possessive.actorId,
      confidence: 0.45,
      matchedVia: noun,
      rule: "stated-position",
    };
  }
  const { line } = read.sentence;
  if (first && line.kind === "item" && line.heading && reasonHeading.test(textOf(context, line.heading))) {
    return { kind: "reason", confidence: 0.6, matchedVia: textOf(context, line.heading), rule: "listed-reason" };
  }
  const hedge = hedges.exec(textOf(context, clause));
  if (hedge) return { kind: "assessment", confidence: 0.5, matchedVia: hedge[0], rule: "hedged-assessment" };
  return undefined;
}

export function draftClaims(context: DraftContext): { claims: ClaimRecord[]; spans: Map<string, Span> } {
  const claims: ClaimRecord[] = [];
  const spans = new Map<string, Span>();
  // Whom "he" or "she" stands for: the person who last spoke in the paragraph, or else the last one it named.
  let lastPerson: { mention: ActorMention; spoke: boolean; line: unknown } | undefined;
  for (const read of context.sentences) {
    const { sentence } = read;
    if (lastPerson?.line !== sentence.line) lastPerson = undefined;
    const body = sentence.line.label && sentence.start === sentence.line.start ? sentence.line.body : undefined;
    sentence.clauses.forEach((whole, index) => {
      // A list item's label ("Reduced Leverage:") is a heading of the claim, not part of it.
      const clause = body && whole.start < body.start ? { start: body.start, end: whole.end } : whole;
      const clauseText = textOf(context, clause);
      if (clause.end <= clause.start || clauseText.trim() === "") return;
      const figures = statedFigures(clauseText, clause.start);
      const rule =
        ruleFor(context, read, clause, index === 0, lastPerson?.mention) ??
        (figures[0]
          ? { kind: "fact" as const, confidence: 0.6, matchedVia: textOf(context, figures[0]), rule: "stated-figure" }
          : undefined);
      if (!rule) return;
      const evidence = evidenceFor(context, [index === 0 && rule.kind === "reason" ? whole : clause, sentence]);
      if (!evidence) return;
      const about = [
        ...new Set(read.mentions.filter((m) => m.start >= clause.start && m.end <= clause.end).map((m) => m.actorId)),
      ];
      const claimText = capitalise(clip(clauseText.replace(/[,;:]$/u, ""), textLimits.summary));
      const add = (
        kind: ClaimRecord["kind"],
        draft: DraftMark,
        figure?: (typeof figures)[number],
        speaker?: string,
      ) => {
        const id = context.newId("claim", idOf(kind, slugOf(clauseText, 6)));
        spans.set(id, clause);
        claims.push({
          id,
          kind,
          text: claimText,
          ...(speaker ? { speaker } : {}),
          about,
          ...(figure ? { figure: { value: figure.value, unit: figure.unit } } : {}),
          evidence: [evidence],
          draft,
        });
      };
      const { kind, speaker, ...draft } = rule;
      add(kind, draft, figures[0], speaker);
      const spoken = kind === "statement" && read.mentions.find((m) => m.actorId === speaker);
      if (spoken && context.actors.get(spoken.actorId)?.kind === "person")
        lastPerson = { mention: spoken, spoke: true, line: sentence.line };
      for (const figure of figures.slice(1)) {
        add("fact", { confidence: 0.6, matchedVia: textOf(context, figure), rule: "stated-figure" }, figure);
      }
    });
    const named = read.mentions.filter((m) => context.actors.get(m.actorId)?.kind === "person").at(-1);
    if (named && !lastPerson?.spoke) lastPerson = { mention: named, spoke: false, line: sentence.line };
  }
  return { claims, spans };
}
