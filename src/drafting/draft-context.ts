// What every drafting rule reads: the text's structure, each sentence's actor
// mentions and compromise's reading of it, and the two things every record
// needs: an id nobody has, and evidence that is verbatim and unique.
import { textLimits } from "../content/bundle-schema.js";
import { uniquePassage } from "../content/quote-hints.js";
import type { DocumentStructure, Sentence, Span } from "./document-structure.js";
import type { ActorMention } from "./known-actors.js";
import type { Entity } from "./sentence-reading.js";
import type { StatedDate } from "./stated-dates.js";

export interface DraftMark {
  confidence: number;
  matchedVia: string;
  rule: string;
}

export interface ReadSentence {
  sentence: Sentence;
  /** Every actor the sentence names, in order (known or newly drafted). */
  mentions: ActorMention[];
  /** Places compromise found that are no actor: candidates for an event's location. */
  places: Entity[];
  pastTense: boolean;
  dates: StatedDate[];
}

export interface DraftContext {
  structure: DocumentStructure;
  sentences: ReadSentence[];
  /** The kind of each drafted actor, and whom a person acts for. */
  actors: Map<string, { kind: string; actsFor?: string }>;
  /** A fresh id for a record of the type: `base`, or `base-2`, `base-3`… when taken. */
  newId(type: string, base: string): string;
}

export const textOf = (context: DraftContext, span: Span) => context.structure.text.slice(span.start, span.end);

/** The first span whose passage, lengthened if need be, occurs once in the text. */
export function evidenceFor(context: DraftContext, spans: Span[]): string | undefined {
  for (const span of spans) {
    // Lengthened by a few sentences at most: a text that repeats itself has passages nothing makes unique.
    const maxLength = Math.min(textLimits.passage, span.end - span.start + 400);
    const passage = uniquePassage(context.structure.text, span.start, span.end, maxLength);
    if (passage && passage.length <= textLimits.passage) return passage;
  }
  return undefined;
}

const maxSlugLength = 80;

/** A lowercase slug of a text's words: "Trump’s Reengagement" is `trumps-reengagement`. */
export function slugOf(text: string, maxWords = 8): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, maxWords)
    .join("-")
    .slice(0, maxSlugLength)
    .replace(/-+$/, "");
}

/** A record id of its parts that are not empty, no longer than an id may be: `fact-exports-fell-12`. */
export const idOf = (...parts: string[]) => parts.filter(Boolean).join("-").slice(0, maxSlugLength).replace(/-+$/, "");

/** Allocates ids unique within their type, in the bundle and against those the knowledge base already has. */
export function idAllocator(taken: (type: string, id: string) => boolean) {
  const used = new Set<string>();
  return (type: string, base: string) => {
    const stem = base || type;
    for (let n = 1; ; n++) {
      const id = n === 1 ? stem : `${stem}-${n}`;
      if (!used.has(`${type}/${id}`) && !taken(type, id)) {
        used.add(`${type}/${id}`);
        return id;
      }
    }
  };
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The first words of a text (at most `maxLength` characters), with an ellipsis when there were more. */
export function firstWords(text: string, count: number, maxLength: number = textLimits.title): string {
  const words = text.trim().split(/\s+/u);
  const cut =
    words.length <= count
      ? text.trim()
      : `${words
          .slice(0, count)
          .join(" ")
          .replace(/[,;:]$/u, "")}…`;
  return clip(cut, maxLength);
}

/** The text, cut to at most `maxLength` UTF-16 units with an ellipsis, never between a surrogate pair. */
export const clip = (text: string, maxLength: number) =>
  text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).replace(/[\uD800-\uDBFF]$/u, "")}…`;
