// What one document states about each record it names: the record's fields
// and links in the bundle's own shape, without its id and evidence. Stored one
// row per document and record (the Assertion table); the records readers see
// are derived from them (derive-records.ts).
import type { Bundle } from "./bundle-schema.js";
import type { EvidenceRow } from "./rows.js";

export const recordTypes = [
  "source",
  "actor",
  "event",
  "claim",
  "implication",
  "issue",
  "position",
  "resolution",
] as const;
export type RecordType = (typeof recordTypes)[number];

/** Each record type's collection: in the API's paths and the change feed. */
export const collectionOf = {
  source: "sources",
  actor: "actors",
  event: "events",
  claim: "claims",
  implication: "implications",
  issue: "issues",
  position: "positions",
  resolution: "resolutions",
} as const satisfies Record<RecordType, string>;

/** The evidence column that names a record of each type. */
export const evidenceColumnOf = {
  source: "mentionedSourceId",
  actor: "actorId",
  event: "eventId",
  claim: "claimId",
  implication: "implicationId",
  issue: "issueId",
  position: "positionId",
  resolution: "resolutionId",
} as const satisfies Record<RecordType, keyof EvidenceRow>;

/** An evidence row's record columns, none set yet: a passage names one record, by one of them. */
export const noEvidenceTarget = Object.fromEntries(Object.values(evidenceColumnOf).map((column) => [column, null])) as {
  [C in (typeof evidenceColumnOf)[RecordType]]: null;
};

/** The type of record a passage supports (a source's, when it names none else). */
export const evidenceTargetOf = (row: Pick<EvidenceRow, (typeof evidenceColumnOf)[RecordType]>): RecordType =>
  recordTypes.find((type) => row[evidenceColumnOf[type]] !== null) ?? "source";

export type SourceFields = Omit<Bundle["citedSources"][number], "id" | "evidence">;
export type ActorFields = Omit<Bundle["actors"][number], "id" | "evidence">;
export type EventFields = Omit<Bundle["events"][number], "id" | "evidence">;
export type ClaimFields = Omit<Bundle["claims"][number], "id" | "evidence">;
export type ImplicationFields = Omit<Bundle["implications"][number], "id" | "evidence">;
export type IssueFields = Omit<Bundle["issues"][number], "id" | "evidence">;
/** A position's date is always stated: its own, or else its event's. */
export type PositionFields = Omit<Bundle["positions"][number], "id" | "evidence" | "date"> & { date: string };
export type ResolutionFields = Omit<Bundle["resolutions"][number], "id" | "evidence">;

export interface FieldsOf {
  source: SourceFields;
  actor: ActorFields;
  event: EventFields;
  claim: ClaimFields;
  implication: ImplicationFields;
  issue: IssueFields;
  position: PositionFields;
  resolution: ResolutionFields;
}

export type Statement = {
  [T in RecordType]: { recordType: T; recordId: string; fields: FieldsOf[T] };
}[RecordType];

/** A statement as stored: by which document, made at which revision. */
export type Attested = Statement & { documentId: string; revision: number };

const byActor = (a: { actor: string }, b: { actor: string }) => (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0);
const sorted = (ids: string[]) => [...new Set(ids)].sort();
/** A link listed twice (the same actor named twice) is one link: the first. */
const firstPerActor = <T extends { actor: string }>(links: T[]) =>
  [...new Map(links.toReversed().map((link) => [link.actor, link])).values()].sort(byActor);

/** Everything a bundle's document states, one statement per record. Links are sorted, so equal statements are equal JSON. */
export function statementsOf(bundle: Bundle): Statement[] {
  const { document } = bundle;
  const eventDates = new Map(bundle.events.map((event) => [event.id, event.date]));
  const source = ({ id, kind, title, publisher, url, description }: Bundle["citedSources"][number]): Statement => ({
    recordType: "source",
    recordId: id,
    fields: { kind, title, publisher, url, description },
  });
  return [
    source({ ...document, evidence: [] }),
    ...bundle.citedSources.map(source),
    ...bundle.actors.map(
      ({ id, evidence: _, draft: _draft, ...fields }): Statement => ({
        recordType: "actor",
        recordId: id,
        fields,
      }),
    ),
    ...bundle.events.map(
      ({ id, evidence: _, draft: _draft, ...fields }): Statement => ({
        recordType: "event",
        recordId: id,
        fields: { ...fields, participants: firstPerActor(fields.participants) },
      }),
    ),
    ...bundle.claims.map(
      ({ id, evidence: _, draft: _draft, ...fields }): Statement => ({
        recordType: "claim",
        recordId: id,
        fields: { ...fields, about: sorted(fields.about) },
      }),
    ),
    ...bundle.implications.map(
      ({ id, evidence: _, draft: _draft, ...fields }): Statement => ({
        recordType: "implication",
        recordId: id,
        fields: { ...fields, actors: firstPerActor(fields.actors), claims: sorted(fields.claims) },
      }),
    ),
    ...bundle.issues.map(
      ({ id, evidence: _, ...fields }): Statement => ({ recordType: "issue", recordId: id, fields }),
    ),
    ...bundle.positions.map(
      ({ id, evidence: _, ...fields }): Statement => ({
        recordType: "position",
        recordId: id,
        // Resolving checks that one of them is there.
        fields: { ...fields, date: fields.date ?? eventDates.get(fields.event ?? "") ?? "" },
      }),
    ),
    ...bundle.resolutions.map(
      ({ id, evidence: _, ...fields }): Statement => ({ recordType: "resolution", recordId: id, fields }),
    ),
  ];
}

/**
 * A value as JSON with its object keys sorted and its absent (null or
 * undefined) fields left out: two statements say the same exactly when their
 * canonical JSON is equal, whichever code or migration wrote them.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((key) => {
        const field = (value as Record<string, unknown>)[key];
        return field === null || field === undefined ? [] : [[key, canonical(field)]];
      }),
  );
}
