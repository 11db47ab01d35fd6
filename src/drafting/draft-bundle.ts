// `kb draft` and POST /v1/drafts: a plain-text article as a content bundle
// for review, every record marked as a draft with the rule that proposed it,
// what it matched and how sure it is; every passage verbatim and unique, so
// `kb import --accept-drafts` takes the bundle as it is.
import type { BundleInput, sourceKinds } from "../content/bundle-schema.js";
import type { SteppedWork } from "../content/event-loop-share.js";
import { evidenceSearchBudget, maxBundleRecords } from "../modules/imports/schemas.js";
import { documentStructure, type Sentence } from "./document-structure.js";
import { draftActors, mentionActors } from "./draft-actors.js";
import { draftClaims } from "./draft-claims.js";
import { type DraftContext, idAllocator, slugOf } from "./draft-context.js";
import { draftEvents } from "./draft-events.js";
import { draftImplications, subjectNameOf } from "./draft-implications.js";
import { indexKnownActors, type KnownActor } from "./known-actors.js";
import { tokenize } from "./name-matching.js";
import { readSentences } from "./sentence-reading.js";
import { statedDates } from "./stated-dates.js";

export interface DraftRequest {
  text: string;
  id?: string | undefined;
  title?: string | undefined;
  kind?: (typeof sourceKinds)[number] | undefined;
  publisher?: string | undefined;
  url?: string | undefined;
  /** The publication date (YYYY-MM-DD) that "April" or "on Tuesday" are read against; today when not given. */
  published?: string | undefined;
}

export interface DraftingKnowledge {
  actors: KnownActor[];
  /** Whether the knowledge base already has a record of this type and id. */
  taken(type: string, id: string): boolean;
}

export function* draftingBundle(request: DraftRequest, knowledge: DraftingKnowledge): SteppedWork<BundleInput> {
  const { text } = request;
  const published = request.published ? new Date(`${request.published}T12:00:00Z`) : new Date();
  const structure = documentStructure(text);
  yield;
  const readings = [];
  for (const chunk of chunksOf(structure.sentences)) {
    const span = { start: chunk[0]?.start ?? 0, end: chunk[chunk.length - 1]?.end ?? 0 };
    const reading = readSentences(text, span);
    const dates = statedDates(text.slice(span.start, span.end), published).map((d) => ({
      ...d,
      start: d.start + span.start,
      end: d.end + span.start,
    }));
    for (const sentence of chunk) {
      const within = (at: { start: number; end: number }) => at.start >= sentence.start && at.end <= sentence.end;
      readings.push({
        sentence,
        reading: {
          entities: reading.entities.filter(within),
          pastTense: reading.pastTense.filter((at) => at >= sentence.start && at < sentence.end),
        },
        dates: dates.filter(within),
      });
    }
    yield;
  }
  const newId = idAllocator(knowledge.taken);
  const known = indexKnownActors(knowledge.actors);
  const subjectNames = structure.lines.flatMap((line) =>
    line.kind === "heading" ? (subjectNameOf(text, line) ?? []) : [],
  );
  const { read, newActors, mentions } = mentionActors(text, tokenize(text), known, readings, newId, subjectNames);
  yield;
  const context: DraftContext = {
    structure,
    sentences: read,
    actors: new Map([
      ...knowledge.actors.map((a) => [a.id, { kind: a.kind, ...(a.actsFor ? { actsFor: a.actsFor } : {}) }] as const),
      ...[...newActors.values()].map((a) => [a.id, { kind: a.kind }] as const),
    ]),
    newId,
  };
  const title = request.title ?? firstLine(text);
  const actors = draftActors(context, known, newActors, mentions, title);
  yield;
  const events = draftEvents(context);
  yield;
  const { claims, spans } = draftClaims(context);
  yield;
  const implications = draftImplications(context, mentions, spans);
  yield;
  const bundle = withoutDanglingActors(
    {
      document: {
        id: request.id ?? (slugOf(title, 8) || "draft"),
        kind: request.kind ?? "analysis",
        title,
        ...(request.publisher ? { publisher: request.publisher } : {}),
        ...(request.url ? { url: request.url } : {}),
        text,
      },
      actors,
      events,
      claims,
      implications,
    },
    new Set([...knowledge.actors.map((a) => a.id), ...actors.map((a) => a.id)]),
  );
  return withinCapacity(bundle);
}

/**
 * At most as many records, and distinct passages for the text's length, as
 * an import takes (imports/schemas.ts): past that, the least sure claims and
 * then events are left out, never an actor or implication others rest on.
 */
function withinCapacity(bundle: BundleInput): BundleInput {
  const passages = (records: { evidence: string[] }[]) => records.flatMap((r) => r.evidence);
  const fixed = [...(bundle.actors ?? []), ...(bundle.implications ?? [])];
  const optional = [...(bundle.events ?? []), ...(bundle.claims ?? [])];
  const maxPassages = Math.floor(evidenceSearchBudget / Math.max(1, bundle.document.text.length));
  const distinct = new Set(passages([...fixed, ...optional]));
  if (distinct.size <= maxPassages && fixed.length + optional.length <= maxBundleRecords) return bundle;
  const kept = new Set(passages(fixed));
  const keep = new Set<object>();
  let count = fixed.length;
  for (const record of [...optional].sort((a, b) => (b.draft?.confidence ?? 0) - (a.draft?.confidence ?? 0))) {
    const added = record.evidence.filter((p) => !kept.has(p));
    if (count + 1 > maxBundleRecords || kept.size + added.length > maxPassages) continue;
    for (const p of added) kept.add(p);
    keep.add(record);
    count++;
  }
  const claims = bundle.claims?.filter((c) => keep.has(c));
  const claimIds = new Set(claims?.map((c) => c.id));
  return {
    ...bundle,
    events: bundle.events?.filter((e) => keep.has(e)),
    claims,
    implications: bundle.implications?.map((i) => ({ ...i, claims: i.claims?.filter((id) => claimIds.has(id)) })),
  };
}

/** Consecutive sentences of a line, up to a thousand characters or so: one reading and one step each. */
function* chunksOf(sentences: Sentence[], maxLength = 1_000): Generator<Sentence[]> {
  let chunk: Sentence[] = [];
  for (const sentence of sentences) {
    const first = chunk[0];
    if (first && (first.line !== sentence.line || sentence.end - first.start > maxLength)) {
      yield chunk;
      chunk = [];
    }
    chunk.push(sentence);
  }
  if (chunk.length > 0) yield chunk;
}

const firstLine = (text: string) => (text.trim().split(/\r?\n/u)[0] ?? "").slice(0, 200).trim() || "Untitled draft";

/**
 * References only to actors the bundle defines or the knowledge base has: an
 * actor left out for want of a unique passage is left out everywhere.
 */
function withoutDanglingActors(bundle: BundleInput, present: Set<string>): BundleInput {
  const has = (id: string) => present.has(id);
  return {
    ...bundle,
    actors: bundle.actors?.map((a) => (a.actsFor && !has(a.actsFor) ? { ...a, actsFor: undefined } : a)),
    events: bundle.events?.map((e) => ({ ...e, participants: e.participants?.filter((p) => has(p.actor)) })),
    claims: bundle.claims?.map((c) => ({
      ...c,
      about: c.about?.filter(has),
      ...(c.speaker && !has(c.speaker) ? { speaker: undefined, kind: c.kind === "statement" ? "fact" : c.kind } : {}),
    })),
    implications: bundle.implications
      ?.map((i) => ({ ...i, actors: i.actors.filter((a) => has(a.actor)) }))
      .filter((i) => i.actors.some((a) => a.role === "subject")),
  };
}
