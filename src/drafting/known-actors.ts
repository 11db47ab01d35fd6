// Mentions of the actors the knowledge base already has, by name, alias,
// spelling variant or demonym ("Russian" for Russia), each with the rule that
// matched it and how sure that rule is.
import type { actorKinds, Bundle } from "../content/bundle-schema.js";
import { matchNames, type NamePattern, namePattern, type Token } from "./name-matching.js";

export type ActorKind = (typeof actorKinds)[number];

export interface KnownActor {
  id: string;
  kind: ActorKind;
  name: string;
  aliases: string[];
  actsFor: string | null;
}

/** A bundle's actor (the seed's, in the evaluation and tests) as drafting knows it. */
export function knownActor(actor: Bundle["actors"][number]): KnownActor {
  return { id: actor.id, kind: actor.kind, name: actor.name, aliases: actor.aliases, actsFor: actor.actsFor ?? null };
}

export type MentionRule = "known-actor-name" | "known-actor-alias" | "known-actor-variant" | "known-actor-demonym";

export interface ActorMention {
  actorId: string;
  start: number;
  end: number;
  rule: MentionRule | "new-actor";
  confidence: number;
}

const confidenceOf: Record<MentionRule, number> = {
  "known-actor-name": 0.95,
  "known-actor-alias": 0.9,
  "known-actor-variant": 0.8,
  "known-actor-demonym": 0.6,
};

/** Other names English commonly uses for a country, matched as spelling variants. */
const commonNames: Record<string, string[]> = {
  "United States": ["America", "USA"],
  "United Kingdom": ["Britain", "Great Britain"],
  Russia: ["Russian Federation"],
  Turkey: ["Türkiye"],
  Netherlands: ["Holland"],
};

/** The adjective English uses for a country or bloc's name, so "Ukrainian neutrality" is about Ukraine. */
const demonyms: Record<string, string[]> = {
  Afghanistan: ["Afghan"],
  Belarus: ["Belarusian"],
  China: ["Chinese"],
  Europe: ["European"],
  "European Union": ["EU"],
  France: ["French"],
  Georgia: ["Georgian"],
  Germany: ["German"],
  India: ["Indian"],
  Iran: ["Iranian"],
  Israel: ["Israeli"],
  Italy: ["Italian"],
  Japan: ["Japanese"],
  Moldova: ["Moldovan"],
  Poland: ["Polish"],
  Russia: ["Russian"],
  "Saudi Arabia": ["Saudi"],
  Turkey: ["Turkish"],
  Ukraine: ["Ukrainian"],
  "United Kingdom": ["British"],
  "United States": ["American"],
};

interface Named {
  actorId: string;
  written: string;
  demonym: boolean;
}

export interface KnownActorIndex {
  actors: Map<string, KnownActor>;
  patterns: NamePattern<Named>[];
}

export function indexKnownActors(actors: KnownActor[]): KnownActorIndex {
  const patterns = actors.flatMap((actor) =>
    [
      ...[actor.name, ...actor.aliases, ...(commonNames[actor.name] ?? [])].map((written) => ({
        written,
        demonym: false,
      })),
      ...(demonyms[actor.name] ?? []).map((written) => ({ written, demonym: true })),
    ].flatMap(({ written, demonym }) => namePattern(written, { actorId: actor.id, written, demonym }) ?? []),
  );
  return { actors: new Map(actors.map((a) => [a.id, a])), patterns };
}

export function findKnownActors(text: string, tokens: Token[], index: KnownActorIndex): ActorMention[] {
  return matchNames(tokens, index.patterns).map(({ start, end, value }) => {
    const actor = index.actors.get(value.actorId) as KnownActor;
    const asWritten = text.slice(start, end);
    const rule: MentionRule = value.demonym
      ? "known-actor-demonym"
      : asWritten === actor.name
        ? "known-actor-name"
        : [actor.name, ...actor.aliases].includes(asWritten)
          ? "known-actor-alias"
          : "known-actor-variant";
    return { actorId: actor.id, start, end, rule, confidence: confidenceOf[rule] };
  });
}
