// Events: a sentence that dates what it tells ("In April 2025, the United
// States signaled…") is an event on each date it states; a sentence that
// tells of something done without a date takes the date its paragraph last
// stated, less surely. Participants are the actors it names, the location a
// place it names after "in" or "at".
import { type BundleInput, textLimits } from "../content/bundle-schema.js";
import {
  capitalise,
  clip,
  type DraftContext,
  evidenceFor,
  firstWords,
  idOf,
  type ReadSentence,
  slugOf,
  textOf,
} from "./draft-context.js";
import type { StatedDate } from "./stated-dates.js";

type EventRecord = NonNullable<BundleInput["events"]>[number];

/** Words that say a sentence is a forecast or an assessment, not something that happened. */
const hedged = /\b(?:could|may|might|would|likely|potentially)\b/iu;

export function draftEvents(context: DraftContext): EventRecord[] {
  const events: EventRecord[] = [];
  let paragraphDate: { line: unknown; date: StatedDate } | undefined;
  for (const read of context.sentences) {
    const { sentence } = read;
    if (paragraphDate?.line !== sentence.line) paragraphDate = undefined;
    const last = read.dates[read.dates.length - 1];
    if (last) paragraphDate = { line: sentence.line, date: last };
    const sentenceText = textOf(context, sentence);
    if (read.dates.length > 0) {
      const seen = new Set<string>();
      for (const date of read.dates) {
        if (seen.has(date.date)) continue;
        seen.add(date.date);
        const event = eventOf(context, read, date, {
          confidence: read.pastTense && !hedged.test(sentenceText) ? 0.7 : 0.45,
          matchedVia: textOf(context, date),
          rule: "event-with-stated-date",
        });
        if (event) events.push(event);
      }
    } else if (paragraphDate && read.pastTense && !hedged.test(sentenceText)) {
      const event = eventOf(context, read, paragraphDate.date, {
        confidence: 0.35,
        matchedVia: textOf(context, paragraphDate.date),
        rule: "event-dated-by-its-paragraph",
      });
      if (event) events.push(event);
    }
  }
  return events;
}

function eventOf(
  context: DraftContext,
  read: ReadSentence,
  date: StatedDate,
  draft: NonNullable<EventRecord["draft"]>,
): EventRecord | undefined {
  const { sentence } = read;
  const evidence = evidenceFor(context, [sentence]);
  if (!evidence) return undefined;
  const text = context.structure.text;
  const body =
    sentence.line.label && sentence.start === sentence.line.start ? (sentence.line.body ?? sentence) : sentence;
  const summary = textOf(context, { start: body.start, end: sentence.end });
  // The title is the sentence's words without the date it states ("In April 2025, …").
  const inSentence = date.start >= body.start && date.end <= sentence.end;
  const undated = inSentence
    ? `${text.slice(body.start, date.start).replace(/\b(?:in|on|by|during|since|from|early|late|mid-?)\s*$/iu, "")}${text.slice(date.end, sentence.end)}`
    : summary;
  const title = capitalise(firstWords(undated.replace(/^[\s,;:–—-]+/u, "").replace(/\s+,/gu, ","), 12));
  const location = read.places.find((place) => /\b(?:in|at)\s+$/iu.test(text.slice(sentence.start, place.start)));
  return {
    id: context.newId("event", idOf(date.date, slugOf(title, 5))),
    title,
    summary: clip(summary, textLimits.summary),
    date: date.date,
    ...(date.endDate ? { endDate: date.endDate } : {}),
    ...(location ? { location: textOf(context, location) } : {}),
    participants: [...new Set(read.mentions.map((m) => m.actorId))].map((actor) => ({ actor, role: "participant" })),
    evidence: [evidence],
    draft,
  };
}
