// The actors a text names: those the knowledge base has (by name, alias,
// spelling or demonym), and the new people, organisations and countries
// compromise recognises, a later surname joined to its full name
// ("Hryhorenko" to "Petro Hryhorenko").
import { type BundleInput, bundleLimits } from "../content/bundle-schema.js";
import { type Span, spanHolding, spansWithin } from "./document-structure.js";
import type { DraftContext, ReadSentence } from "./draft-context.js";
import { evidenceFor, slugOf } from "./draft-context.js";
import { type ActorMention, findKnownActors, type KnownActorIndex } from "./known-actors.js";
import { foldWord, matchNames, namePattern, type Token } from "./name-matching.js";
import type { Entity, EntityKind, SentenceReading } from "./sentence-reading.js";

type ActorRecord = NonNullable<BundleInput["actors"]>[number];

const newActorConfidence: Record<NewActor["kind"], number> = {
  person: 0.5,
  organisation: 0.4,
  country: 0.4,
  global: 0.3,
  bloc: 0.3,
};

export interface NewActor {
  id: string;
  kind: Exclude<EntityKind, "place"> | "global" | "bloc";
  forms: Set<string>;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const nameKey = (name: string) => name.split(/\s+/u).map(foldWord).join(" ");

/**
 * Every sentence's actor mentions and non-actor places; the new actors are
 * given ids from `newId` and recorded in `actors`.
 */
export function mentionActors(
  text: string,
  tokens: Token[],
  known: KnownActorIndex,
  readings: { sentence: ReadSentence["sentence"]; reading: SentenceReading; dates: ReadSentence["dates"] }[],
  newId: (type: string, base: string) => string,
  /** Spans that name whom a group of implications is for ("Europe" in "For Europe"): an actor, whatever compromise says. */
  subjectNames: Span[],
): { read: ReadSentence[]; newActors: Map<string, NewActor>; mentions: ActorMention[] } {
  const knownMentions = findKnownActors(text, tokens, known);
  const isKnown = (span: Span) => knownMentions.some((m) => overlaps(m, span));
  const newActors = new Map<string, NewActor>();
  const byKey = new Map<string, NewActor>();
  /** A person's full name's last word: a later "Hryhorenko" is "Petro Hryhorenko". */
  const bySurname = new Map<string, NewActor>();
  const entities = [...readings.flatMap((r) => r.reading.entities), ...speakerNames(text, readings)].filter(
    (e) => e.kind !== "place" && !isKnown(e),
  );
  // Full names first, so a lone surname can join the person it belongs to.
  const ordered = [...entities].sort(
    (a, b) => text.slice(b.start, b.end).split(/\s+/u).length - text.slice(a.start, a.end).split(/\s+/u).length,
  );
  for (const entity of ordered) {
    const name = text.slice(entity.start, entity.end);
    if (!/^\p{Lu}/u.test(name) || name.length < 2) continue;
    const key = nameKey(name);
    const actor = byKey.get(key) ?? (entity.kind === "person" ? bySurname.get(key) : undefined);
    if (actor) {
      actor.forms.add(name);
      continue;
    }
    const created: NewActor = {
      id: newId("actor", slugOf(name)),
      kind: entity.kind as NewActor["kind"],
      forms: new Set([name]),
    };
    byKey.set(key, created);
    const surname = key.split(" ").at(-1);
    if (created.kind === "person" && surname && surname !== key && !bySurname.has(surname))
      bySurname.set(surname, created);
    newActors.set(created.id, created);
  }
  for (const span of subjectNames) {
    const name = text.slice(span.start, span.end);
    if (isKnown(span) || byKey.has(nameKey(name))) continue;
    const created: NewActor = {
      id: newId("actor", slugOf(name)),
      kind: /\b(?:global|world|international)\b/iu.test(name) ? "global" : "bloc",
      forms: new Set([name]),
    };
    byKey.set(nameKey(name), created);
    newActors.set(created.id, created);
  }
  // Every occurrence of a new actor's names (a person's surname alone too), including those compromise did not tag.
  const patterns = [...newActors.values()].flatMap((actor) => {
    const surnames =
      actor.kind === "person" ? [...actor.forms].flatMap((form) => form.split(/\s+/u).slice(1).slice(-1)) : [];
    return [...actor.forms, ...surnames].flatMap((form) => namePattern(form, actor.id) ?? []);
  });
  const newMentions: ActorMention[] = matchNames(tokens, patterns)
    .filter((m) => !isKnown(m))
    .map((m) => {
      const actor = newActors.get(m.value) as NewActor;
      return {
        actorId: m.value,
        start: m.start,
        end: m.end,
        rule: "new-actor",
        confidence: newActorConfidence[actor.kind],
      };
    });
  const mentions = [...knownMentions, ...newMentions].sort((a, b) => a.start - b.start);
  const read = readings.map(({ sentence, reading, dates }) => ({
    sentence,
    mentions: spansWithin(mentions, sentence),
    places: reading.entities.filter((e: Entity) => e.kind !== "person" && e.kind !== "organisation"),
    pastTense: reading.pastTense.length > 0,
    dates,
  }));
  return { read, newActors, mentions };
}

/**
 * Two or three capitalised words beside a verb of speech, or before an
 * appositive and one: "Emre Aksoy, warned", "said Daniel Reyes", "Oleh
 * Marchenko, a spokesman for…, said".
 */
const nameBeforeSpeech =
  /\b\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+){1,2}(?=(?:,\s+(?:a|an|the|its|his|her)\b[^,]*,)?,?\s+(?:said|says|warned|told|added|noted|stated|argued|announced)\b)/gu;
const nameAfterSpeech = /(?<=\b(?:said|says|warned|added)\s)\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+){1,2}\b/gu;

/** People compromise does not know by name, found by where a speaker's name stands. */
function speakerNames(text: string, readings: { sentence: Span; reading: SentenceReading }[]): Entity[] {
  return readings.flatMap(({ sentence, reading }) => {
    const sentenceText = text.slice(sentence.start, sentence.end);
    return [...sentenceText.matchAll(nameBeforeSpeech), ...sentenceText.matchAll(nameAfterSpeech)].flatMap((m) => {
      const span = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
      return reading.entities.some((e) => overlaps(e, span) && e.kind !== "person")
        ? []
        : [{ ...span, kind: "person" as const }];
    });
  });
}

/** Each actor mentioned, known or new, as a draft record with its first mention as evidence. */
export function draftActors(
  context: DraftContext,
  known: KnownActorIndex,
  newActors: Map<string, NewActor>,
  mentions: ActorMention[],
  documentTitle: string,
): ActorRecord[] {
  const mentionsOf = new Map<string, { mention: ActorMention; sentence: Span }[]>();
  for (const mention of mentions) {
    const sentence = spanHolding(context.structure.sentences, mention) ?? spanHolding(context.structure.lines, mention);
    if (!sentence) continue;
    const list = mentionsOf.get(mention.actorId) ?? [];
    list.push({ mention, sentence });
    mentionsOf.set(mention.actorId, list);
  }
  const text = context.structure.text;
  return [...mentionsOf.entries()].flatMap(([actorId, found]): ActorRecord[] => {
    const evidence = evidenceFor(
      context,
      found.map((f) => f.sentence),
    );
    if (!evidence) return [];
    // The name as written, a demonym only when the text gives nothing better.
    const best = [...found].sort((a, b) => b.mention.confidence - a.mention.confidence)[0] as (typeof found)[number];
    const written = text.slice(best.mention.start, best.mention.end);
    const forms = [
      ...new Set(
        found
          .filter((f) => f.mention.rule !== "known-actor-demonym")
          .map((f) => text.slice(f.mention.start, f.mention.end)),
      ),
    ];
    const stored = known.actors.get(actorId);
    if (stored) {
      return [
        {
          id: stored.id,
          kind: stored.kind,
          name: stored.name,
          aliases: forms.filter((form) => form !== stored.name).slice(0, bundleLimits.aliases),
          description: `${kindLabel[stored.kind]} named in “${documentTitle}” as “${written}”.`,
          ...(stored.actsFor ? { actsFor: stored.actsFor } : {}),
          evidence: [evidence],
          draft: { confidence: best.mention.confidence, matchedVia: written, rule: best.mention.rule },
        },
      ];
    }
    const actor = newActors.get(actorId) as NewActor;
    const name = [...actor.forms].sort((a, b) => b.length - a.length)[0] as string;
    const kind = actor.kind;
    return [
      {
        id: actorId,
        kind,
        name,
        aliases: forms.filter((form) => form !== name).slice(0, bundleLimits.aliases),
        description: `${kindLabel[kind]} named in “${documentTitle}” as “${written}”.`,
        evidence: [evidence],
        draft: { confidence: newActorConfidence[actor.kind], matchedVia: written, rule: `new-${actor.kind}` },
      },
    ];
  });
}

const kindLabel: Record<ActorRecord["kind"], string> = {
  country: "A country",
  person: "A person",
  organisation: "An organisation",
  alliance: "An alliance",
  bloc: "A bloc",
  party: "A party",
  global: "A global actor",
};
