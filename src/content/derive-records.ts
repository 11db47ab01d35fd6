// The record a reader sees, derived from what each document states about it
// (the rule the README gives under "Many sources"):
// - the originating document is the first to have stated the record that
//   still does (a source's own document, when it states it, comes first);
// - text and other plain fields come from the originating document, or, for an
//   optional field it leaves out, from the first document that gives one;
// - links are the union of every document's, a link's role the first
//   document's that gives it; an actor's aliases every name and alias any
//   document gives it, but the one it goes by;
// - a date is the most precise value that every document's value contains
//   (`2025-04` and `2025-04-18` give `2025-04-18`); dates that do not nest
//   are a conflict, and the originating document's date stands;
// - where documents disagree on a comparable field (an event's dates, a
//   claim's kind, speaker, figure or date, an implication's likelihood, a
//   position's actor, issue, stance or date, a resolution's implication,
//   outcome or date) the record
//   lists the values and who gives each: nothing is resolved by silence.

import { likelihoodOf } from "./likelihood.js";
import {
  type ActorFields,
  type Attested,
  type ClaimFields,
  canonicalJson,
  type EventFields,
  type FieldsOf,
  type ImplicationFields,
  type PositionFields,
  type RecordType,
  type ResolutionFields,
  type Statement,
} from "./statements.js";

export interface Conflict {
  field: string;
  values: { value: unknown; sources: string[] }[];
}

export type DerivedRecord = Statement & { sourceCount: number; conflicts: Conflict[] };

/**
 * The documents' statements in the order the rule reads them: the originating
 * one first (attestations are read in the same order, in SQL: assertions/service.ts).
 */
function inOrder(recordId: string, statements: Attested[]): Attested[] {
  return [...statements].sort(
    (a, b) =>
      Number(b.documentId === recordId && b.recordType === "source") -
        Number(a.documentId === recordId && a.recordType === "source") ||
      a.revision - b.revision ||
      (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0),
  );
}

/** The record `statements` (every active one about it, at least one) derive. */
export function deriveRecord(statements: Attested[]): DerivedRecord {
  const [first] = statements;
  if (!first) throw new Error("a record is derived from at least one statement");
  const ordered = inOrder(first.recordId, statements);
  const base = {
    recordType: first.recordType,
    recordId: first.recordId,
    sourceCount: new Set(ordered.map((s) => s.documentId)).size,
  };
  const fields = ordered.map((s) => ({ documentId: s.documentId, fields: s.fields }));
  switch (first.recordType) {
    case "event":
      return { ...base, ...deriveEvent(fields as Stated<EventFields>[]) } as DerivedRecord;
    case "claim":
      return { ...base, ...deriveClaim(fields as Stated<ClaimFields>[]) } as DerivedRecord;
    case "actor":
      return { ...base, fields: deriveActor(fields as Stated<ActorFields>[]), conflicts: [] } as DerivedRecord;
    case "implication":
      return { ...base, ...deriveImplication(fields as Stated<ImplicationFields>[]) } as DerivedRecord;
    case "position":
      return { ...base, ...derivePosition(fields as Stated<PositionFields>[]) } as DerivedRecord;
    case "resolution":
      return { ...base, ...deriveResolution(fields as Stated<ResolutionFields>[]) } as DerivedRecord;
    default:
      return { ...base, fields: plainFields(fields), conflicts: [] } as DerivedRecord;
  }
}

type Stated<F> = { documentId: string; fields: F };

/** The originating document's fields, each optional one it leaves out taken from the first document that gives it. */
function plainFields<F extends FieldsOf[RecordType]>(stated: Stated<F>[]): F {
  const merged: Record<string, unknown> = {};
  for (const { fields } of stated) {
    for (const [field, value] of Object.entries(fields)) {
      if (merged[field] === undefined && value !== undefined && value !== null) merged[field] = value;
    }
  }
  return merged as F;
}

/** Distinct values of a field, by canonical JSON, each with the documents that give it, in the rule's order. */
function valuesOf<F>(stated: Stated<F>[], value: (fields: F) => unknown): Conflict["values"] {
  const groups = new Map<string, { value: unknown; sources: string[] }>();
  for (const { documentId, fields } of stated) {
    const v = value(fields);
    if (v === undefined || v === null) continue;
    const key = canonicalJson(v);
    const group = groups.get(key) ?? { value: v, sources: [] };
    if (!group.sources.includes(documentId)) group.sources.push(documentId);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function conflictOf<F>(field: string, stated: Stated<F>[], value: (fields: F) => unknown): Conflict[] {
  const values = valuesOf(stated, value);
  return values.length > 1 ? [{ field, values }] : [];
}

/** The most precise date every value contains, or a conflict when they do not nest. */
function nestedDate<F>(
  field: string,
  stated: Stated<F>[],
  value: (fields: F) => string | undefined,
): { value: string | undefined; conflicts: Conflict[] } {
  const values = valuesOf(stated, value);
  const dates = values.map((v) => v.value as string);
  const precise = dates.reduce<string | undefined>(
    (best, date) => (best === undefined || date.length > best.length ? date : best),
    undefined,
  );
  if (precise === undefined || dates.every((date) => precise.startsWith(date)))
    return { value: precise, conflicts: [] };
  return { value: dates[0], conflicts: [{ field, values }] };
}

function deriveEvent(stated: Stated<EventFields>[]) {
  const date = nestedDate("date", stated, (f) => f.date);
  const endDate = nestedDate("endDate", stated, (f) => f.endDate);
  const fields: EventFields = {
    ...plainFields(stated),
    date: date.value ?? "",
    endDate: endDate.value,
    participants: unionByActor(stated.flatMap((s) => s.fields.participants)),
  };
  return { fields, conflicts: [...date.conflicts, ...endDate.conflicts] };
}

function deriveClaim(stated: Stated<ClaimFields>[]) {
  const date = nestedDate("date", stated, (f) => f.date);
  const fields: ClaimFields = {
    ...plainFields(stated),
    about: union(stated.flatMap((s) => s.fields.about)),
    date: date.value,
  };
  const conflicts = [
    ...conflictOf("kind", stated, (f) => f.kind),
    ...conflictOf("speaker", stated, (f) => f.speaker),
    ...conflictOf("figure", stated, (f) => f.figure),
    ...date.conflicts,
  ];
  return { fields, conflicts };
}

function deriveActor(stated: Stated<ActorFields>[]): ActorFields {
  const fields = plainFields(stated);
  // Another document's name for the actor is one of its names too.
  const aliases = new Set(stated.flatMap((s) => [s.fields.name, ...s.fields.aliases]));
  aliases.delete(fields.name);
  return { ...fields, aliases: [...aliases] };
}

function deriveImplication(stated: Stated<ImplicationFields>[]) {
  const fields: ImplicationFields = {
    ...plainFields(stated),
    actors: unionByActor(stated.flatMap((s) => s.fields.actors)),
    claims: union(stated.flatMap((s) => s.fields.claims)),
  };
  // Documents that word it differently but in one band agree; bands that differ are a disagreement.
  const conflicts = conflictOf("likelihood", stated, (f) =>
    f.hedge === undefined ? undefined : likelihoodOf(f.hedge),
  );
  return { fields, conflicts };
}

function derivePosition(stated: Stated<PositionFields>[]) {
  const date = nestedDate("date", stated, (f) => f.date);
  const fields: PositionFields = { ...plainFields(stated), date: date.value ?? "" };
  const conflicts = [
    ...conflictOf("actor", stated, (f) => f.actor),
    ...conflictOf("issue", stated, (f) => f.issue),
    ...conflictOf("stance", stated, (f) => f.stance),
    ...date.conflicts,
  ];
  return { fields, conflicts };
}

function deriveResolution(stated: Stated<ResolutionFields>[]) {
  const date = nestedDate("date", stated, (f) => f.date);
  const fields: ResolutionFields = { ...plainFields(stated), date: date.value ?? "" };
  const conflicts = [
    ...conflictOf("implication", stated, (f) => f.implication),
    ...conflictOf("outcome", stated, (f) => f.outcome),
    ...date.conflicts,
  ];
  return { fields, conflicts };
}

const union = (ids: string[]) => [...new Set(ids)].sort();

/** Every actor's link once, with the first statement's role, by actor id. */
function unionByActor<T extends { actor: string }>(links: T[]): T[] {
  const first = new Map<string, T>();
  for (const link of links) if (!first.has(link.actor)) first.set(link.actor, link);
  return [...first.values()].sort((a, b) => (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0));
}
