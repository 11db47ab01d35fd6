// What compromise reads in a few sentences: the people, organisations and
// places they name (honorifics and possessives left off), and where a verb in
// the past tense tells of something done. A few sentences at a time, so a long
// text is read in steps that give other work a turn, and not one at a time,
// as each reading costs a third of a millisecond however short.
import nlp from "compromise";
import type { Span } from "./document-structure.js";

export type EntityKind = "person" | "organisation" | "country" | "place";

export interface Entity extends Span {
  kind: EntityKind;
}

export interface SentenceReading {
  entities: Entity[];
  /** Where a verb in the past tense stands. */
  pastTense: number[];
}

interface Term {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/** A match's terms as entities: split where a comma or semicolon follows a term ("Financial Times, Newsweek"). */
function entitiesOf(text: string, terms: Term[], kindOf: (terms: Term[]) => EntityKind, offset: number): Entity[] {
  const groups: Term[][] = [[]];
  for (const term of terms) {
    if (term.tags.includes("Honorific") || term.tags.includes("Date")) continue;
    groups[groups.length - 1]?.push(term);
    if (/[,;:]/.test(term.post)) groups.push([]);
  }
  return groups.flatMap((group) => {
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last) return [];
    const lastText = last.text.replace(/['’]s$|[.,;:!?"“”]+$/u, "");
    const start = offset + first.offset.start + (first.text.length - first.text.replace(/^["“‘(-]+/u, "").length);
    const end = offset + last.offset.start + lastText.length;
    if (end <= start) return [];
    const kind = kindOf(group);
    // "Russia-Ukraine conflict", "Russia-China alignment": two names joined, not one.
    const written = text.slice(start, end);
    if (!/^\p{Lu}[\p{L}]+(?:-\p{Lu}[\p{L}]+)+$/u.test(written)) return [{ start, end, kind }];
    let from = start;
    return written.split("-").map((part) => {
      const entity = { start: from, end: from + part.length, kind };
      from += part.length + 1;
      return entity;
    });
  });
}

export function readSentences(text: string, span: Span): SentenceReading {
  const doc = nlp(text.slice(span.start, span.end));
  const found = (view: { json(options: object): unknown }, kindOf: (terms: Term[]) => EntityKind) =>
    (view.json({ offset: true }) as { terms: Term[] }[]).flatMap((match) =>
      entitiesOf(text, match.terms, kindOf, span.start),
    );
  return {
    entities: [
      ...found(doc.people(), () => "person"),
      ...found(doc.organizations(), () => "organisation"),
      ...found(doc.places(), (terms) => (terms.some((t) => t.tags.includes("Country")) ? "country" : "place")),
    ],
    pastTense: (doc.match("#PastTense").json({ offset: true }) as { offset: { start: number } }[]).map(
      (match) => span.start + match.offset.start,
    ),
  };
}
