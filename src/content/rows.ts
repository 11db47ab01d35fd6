// The database rows a content bundle resolves to, one type per table.

export type DatePrecision = "day" | "month" | "year";

/** What a derived record says of its provenance: how many documents state it, and where they disagree (JSON). */
export interface Provenance {
  sourceCount: number;
  conflicts: string;
}

export interface SourceRow extends Provenance {
  id: string;
  kind: string;
  title: string;
  publisher: string | null;
  url: string | null;
  description: string | null;
  text: string | null;
}
export interface CitationRow {
  citingId: string;
  citedId: string;
}
export interface ActorRow extends Provenance {
  id: string;
  kind: string;
  name: string;
  aliases: string;
  description: string;
  wikidataId: string | null;
  iso3: string | null;
  actsForId: string | null;
  role: string | null;
}
export interface EventRow extends Provenance {
  id: string;
  title: string;
  summary: string;
  date: Date;
  datePrecision: DatePrecision;
  endDate: Date | null;
  location: string | null;
}
export interface ParticipantRow {
  eventId: string;
  actorId: string;
  role: string;
  /** The event's date (see the schema). */
  eventDate: Date;
}
export interface ClaimRow extends Provenance {
  id: string;
  kind: string;
  text: string;
  speakerId: string | null;
  figureValue: number | null;
  figureUnit: string | null;
  /** As the document dates it (`2025-02`), when it does. */
  date: string | null;
  datePrecision: DatePrecision | null;
  dateStart: Date | null;
  dateEnd: Date | null;
}
export interface ClaimActorRow {
  claimId: string;
  actorId: string;
}
export interface ImplicationRow extends Provenance {
  id: string;
  kind: string;
  title: string;
  summary: string;
  hedge: string | null;
  /** Read from `hedge` by the likelihood table (src/content/likelihood.ts). */
  likelihood: string;
  horizon: string | null;
}
export interface ImplicationActorRow {
  implicationId: string;
  actorId: string;
  role: string;
}
export interface ImplicationClaimRow {
  implicationId: string;
  claimId: string;
}
export interface IssueRow extends Provenance {
  id: string;
  title: string;
  description: string;
}
export interface PositionRow extends Provenance {
  id: string;
  actorId: string;
  issueId: string;
  stance: string;
  summary: string;
  /** As the document dates it: `2025-04`. */
  date: string;
  datePrecision: DatePrecision;
  dateStart: Date;
  /** The first instant after the period `date` names: the order positions are read in. */
  dateEnd: Date;
  eventId: string | null;
  claimId: string | null;
}
export interface ResolutionRow extends Provenance {
  id: string;
  implicationId: string;
  outcome: string;
  summary: string;
  /** As the document dates it: `2026-03`. */
  date: string;
  datePrecision: DatePrecision;
  dateStart: Date;
  /** The first instant after the period `date` names: which of an implication's resolutions is the latest. */
  dateEnd: Date;
}
export interface EvidenceRow {
  id: string;
  sourceId: string;
  quote: string;
  start: number;
  end: number;
  actorId: string | null;
  eventId: string | null;
  claimId: string | null;
  implicationId: string | null;
  issueId: string | null;
  positionId: string | null;
  resolutionId: string | null;
  mentionedSourceId: string | null;
}
export interface SearchDocumentRow {
  type: string;
  recordId: string;
  title: string;
  body: string;
  /** What the search index holds of the record (src/search/index-document.ts). */
  terms: string;
  folded: string;
}

/** One value that identifies an actor: `wikidata`, `iso3`, or `name` (its name and each alias). */
export interface ActorIdentityRow {
  kind: "wikidata" | "iso3" | "name";
  value: string;
  actorId: string;
}

export interface KnowledgeRows {
  sources: SourceRow[];
  citations: CitationRow[];
  actors: ActorRow[];
  actorIdentities: ActorIdentityRow[];
  events: EventRow[];
  participants: ParticipantRow[];
  claims: ClaimRow[];
  claimActors: ClaimActorRow[];
  implications: ImplicationRow[];
  implicationActors: ImplicationActorRow[];
  implicationClaims: ImplicationClaimRow[];
  issues: IssueRow[];
  positions: PositionRow[];
  resolutions: ResolutionRow[];
  evidence: EvidenceRow[];
  searchDocuments: SearchDocumentRow[];
}
