// Resolves a validated bundle into database rows: checks every reference, finds
// every quote's offsets in the document, and derives the search documents.
// Problems are collected, not thrown one by one, so an author sees them all.

import { searchDocument } from "../search/index-document.js";
import type { Bundle } from "./bundle-schema.js";
import { ContentError, type ContentProblem } from "./content-error.js";
import { type DerivedRecord, deriveRecord } from "./derive-records.js";
import { runToEnd, type SteppedWork } from "./event-loop-share.js";
import { groupBy } from "./group-by.js";
import { hedgeTable, likelihoodOf, wholeWordsAt } from "./likelihood.js";
import { formatPartialDate, parsePartialDate, periodEnd } from "./partial-date.js";
import { createQuoteLocator, type QuoteLocation } from "./quote-locator.js";
import type { ActorIdentityRow, CitationRow, EvidenceRow, KnowledgeRows } from "./rows.js";
import {
  evidenceColumnOf,
  evidenceTargetOf,
  type FieldsOf,
  noEvidenceTarget,
  type RecordType,
  type Statement,
  statementsOf,
} from "./statements.js";

/** What one bundle's document states, checked: its statements, its evidence (located in its text), its citations. */
export interface ResolvedDocument {
  documentId: string;
  text: string;
  statements: Statement[];
  evidence: EvidenceRow[];
  citations: CitationRow[];
  /** What identifies the bundle's actors, as the bundle gives them. */
  actorIdentities: ActorIdentityRow[];
}

/**
 * Records already in the knowledge base that a bundle may reference without
 * defining them: actors and issues, and the implications its resolutions resolve.
 */
export interface KnownIds {
  actor: ReadonlySet<string>;
  issue: ReadonlySet<string>;
  implication: ReadonlySet<string>;
}
const noneKnown: KnownIds = { actor: new Set(), issue: new Set(), implication: new Set() };

/**
 * @param known actors and issues already in the knowledge base, which a bundle may
 * reference without redefining them.
 * @param locate finds quotes in the document's text (one whose searches are done ahead: an import's).
 */
export function resolveDocument(
  bundle: Bundle,
  known: KnownIds = noneKnown,
  locate: (quote: string) => QuoteLocation = createQuoteLocator(bundle.document.text),
): ResolvedDocument {
  return runToEnd(resolvingDocument(bundle, known, locate));
}

/** resolveDocument as stepped work, one step per record: an import's is thousands. */
export function* resolvingDocument(
  bundle: Bundle,
  known: KnownIds,
  locate: (quote: string) => QuoteLocation,
): SteppedWork<ResolvedDocument> {
  const problems: ContentProblem[] = [];
  const { document } = bundle;
  const evidence: EvidenceRow[] = [];

  const cite = (target: RecordType, recordId: string, where: string, quotes: string[]) => {
    quotes.forEach((quote, index) => {
      const location = locate(quote);
      if ("problem" in location) {
        problems.push({ where: `${where}.evidence.${index}`, record: recordId, ...location });
        return;
      }
      evidence.push({
        // Scoped by document: bundles from different sources may cite evidence for the same record.
        id: `${document.id}/${target}/${recordId}/${index + 1}`,
        sourceId: document.id,
        quote,
        ...location,
        ...noEvidenceTarget,
        [evidenceColumnOf[target]]: recordId,
      });
    });
  };

  const uniqueIds = (section: string, records: { id: string }[], also: string[] = []) => {
    const seen = new Set(also);
    records.forEach((record, index) => {
      if (seen.has(record.id))
        problems.push({ where: `${section}.${index}.id`, record: record.id, problem: "duplicate id" });
      seen.add(record.id);
    });
    return seen;
  };

  uniqueIds("citedSources", bundle.citedSources, [document.id]);
  const actorIds = uniqueIds("actors", bundle.actors);
  const claimIds = uniqueIds("claims", bundle.claims);
  const eventIds = uniqueIds("events", bundle.events);
  const implicationIds = uniqueIds("implications", bundle.implications);
  const issueIds = uniqueIds("issues", bundle.issues);
  uniqueIds("positions", bundle.positions);
  uniqueIds("resolutions", bundle.resolutions);

  const checkRef = (ids: ReadonlySet<string>, kind: string, where: string, record: string, ref: string | undefined) => {
    const stored = kind in known ? known[kind as keyof KnownIds] : undefined;
    if (ref !== undefined && !ids.has(ref) && !stored?.has(ref)) {
      problems.push({ where, record, problem: `references unknown ${kind} id "${ref}"` });
    }
  };

  const checkDate = (where: string, record: string, value: string) => {
    const { date, precision } = parsePartialDate(value);
    if (formatPartialDate(date, precision) !== value)
      problems.push({ where, record, problem: `"${value}" is not a real calendar date` });
    return { date, precision };
  };

  if (document.evidence) cite("source", document.id, "document", document.evidence);
  for (const [i, source] of bundle.citedSources.entries())
    cite("source", source.id, `citedSources.${i}`, source.evidence);

  for (const [i, actor] of bundle.actors.entries()) {
    checkRef(actorIds, "actor", `actors.${i}.actsFor`, actor.id, actor.actsFor);
    if (actor.actsFor === actor.id)
      problems.push({ where: `actors.${i}.actsFor`, record: actor.id, problem: "an actor cannot act for itself" });
    cite("actor", actor.id, `actors.${i}`, actor.evidence);
    yield;
  }

  for (const [i, event] of bundle.events.entries()) {
    const where = `events.${i}`;
    for (const [j, p] of event.participants.entries())
      checkRef(actorIds, "actor", `${where}.participants.${j}.actor`, event.id, p.actor);
    const start = checkDate(`${where}.date`, event.id, event.date);
    const end = event.endDate === undefined ? undefined : checkDate(`${where}.endDate`, event.id, event.endDate);
    if (end && end.date < start.date)
      problems.push({ where: `${where}.endDate`, record: event.id, problem: "ends before it starts" });
    cite("event", event.id, where, event.evidence);
    yield;
  }

  for (const [i, claim] of bundle.claims.entries()) {
    const where = `claims.${i}`;
    checkRef(actorIds, "actor", `${where}.speaker`, claim.id, claim.speaker);
    for (const [j, a] of claim.about.entries()) checkRef(actorIds, "actor", `${where}.about.${j}`, claim.id, a);
    if (claim.date !== undefined) checkDate(`${where}.date`, claim.id, claim.date);
    cite("claim", claim.id, where, claim.evidence);
    yield;
  }

  for (const [i, implication] of bundle.implications.entries()) {
    const where = `implications.${i}`;
    for (const [j, a] of implication.actors.entries())
      checkRef(actorIds, "actor", `${where}.actors.${j}.actor`, implication.id, a.actor);
    for (const [j, c] of implication.claims.entries())
      checkRef(claimIds, "claim", `${where}.claims.${j}`, implication.id, c);
    cite("implication", implication.id, where, implication.evidence);
    for (const field of ["hedge", "horizon"] as const) {
      const words = implication[field];
      if (words === undefined) continue;
      if (!implication.evidence.some((quote) => wholeWordsAt(quote, words) >= 0))
        problems.push({
          where: `${where}.${field}`,
          record: implication.id,
          problem: "is not in the implication's evidence: copy the document's own words from one of its passages",
        });
    }
    if (implication.hedge !== undefined && likelihoodOf(implication.hedge) === undefined)
      problems.push({
        where: `${where}.hedge`,
        record: implication.id,
        problem: `holds no words of likelihood the table knows (${hedgeTable.map(([words]) => words).join(", ")})`,
      });
    yield;
  }

  for (const [i, issue] of bundle.issues.entries()) {
    cite("issue", issue.id, `issues.${i}`, issue.evidence);
    yield;
  }

  for (const [i, position] of bundle.positions.entries()) {
    const where = `positions.${i}`;
    checkRef(actorIds, "actor", `${where}.actor`, position.id, position.actor);
    checkRef(issueIds, "issue", `${where}.issue`, position.id, position.issue);
    checkRef(eventIds, "event", `${where}.event`, position.id, position.event);
    checkRef(claimIds, "claim", `${where}.claim`, position.id, position.claim);
    if (position.date !== undefined) checkDate(`${where}.date`, position.id, position.date);
    else if (position.event === undefined)
      problems.push({
        where: `${where}.date`,
        record: position.id,
        problem: "is undated: give the `date` the document places it at, or the `event` it was taken at",
      });
    cite("position", position.id, where, position.evidence);
    yield;
  }

  const resolved = new Map<string, string>();
  for (const [i, resolution] of bundle.resolutions.entries()) {
    const where = `resolutions.${i}`;
    const earlier = resolved.get(resolution.implication);
    if (implicationIds.has(resolution.implication))
      problems.push({
        where: `${where}.implication`,
        record: resolution.id,
        problem: `resolves "${resolution.implication}", which this document draws out itself: a later document resolves it, so no source grades its own forecast`,
      });
    else if (earlier !== undefined)
      problems.push({
        where: `${where}.implication`,
        record: resolution.id,
        problem: `resolves "${resolution.implication}", which the resolution "${earlier}" of this document already resolves: one document, one word on it`,
      });
    else checkRef(new Set(), "implication", `${where}.implication`, resolution.id, resolution.implication);
    resolved.set(resolution.implication, resolution.id);
    checkDate(`${where}.date`, resolution.id, resolution.date);
    cite("resolution", resolution.id, where, resolution.evidence);
    yield;
  }

  // One actor, one record: two actors of the bundle may not share a Wikidata item, a code or a name.
  const identities = dedupe(bundle.actors.flatMap(identitiesOf), (row) => `${row.kind}/${row.value}/${row.actorId}`);
  const claimed = new Map<string, string>();
  for (const row of identities) {
    const key = `${row.kind}/${row.value}`;
    const other = claimed.get(key);
    if (other === undefined) claimed.set(key, row.actorId);
    else if (other !== row.actorId) {
      const index = bundle.actors.findIndex((actor) => actor.id === row.actorId);
      problems.push({
        where: `actors.${index}`,
        record: row.actorId,
        problem: `has the same ${identityNames[row.kind]} as the actor "${other}" ("${row.value}"): one actor, one record`,
      });
    }
  }

  if (problems.length > 0) throw new ContentError(problems);
  const statements = statementsOf(bundle);
  yield;
  return {
    documentId: document.id,
    text: document.text,
    statements,
    evidence,
    citations: bundle.citedSources.map((s) => ({ citingId: document.id, citedId: s.id })),
    actorIdentities: identities,
  };
}

/** A bundle's rows as if its document were the knowledge base's only one (the seed's content, a synthetic copy). */
export function resolveBundle(
  bundle: Bundle,
  known: KnownIds = noneKnown,
  locate?: (quote: string) => QuoteLocation,
): KnowledgeRows {
  const resolved = resolveDocument(bundle, known, locate);
  const records = resolved.statements.map((statement) =>
    deriveRecord([{ ...statement, documentId: resolved.documentId, revision: 0 }]),
  );
  return {
    ...knowledgeRows(records, resolved.evidence, new Map([[resolved.documentId, resolved.text]])),
    citations: resolved.citations,
  };
}

/**
 * The rows of derived records: each record's row, its links, its actor
 * identities and its search document (with the quotes of `evidence` that
 * support it). A source's text comes from `texts`; others have none here.
 */
export function knowledgeRows(
  records: DerivedRecord[],
  evidence: EvidenceRow[],
  texts: ReadonlyMap<string, string>,
): KnowledgeRows {
  return runToEnd(derivingRows(records, evidence, texts));
}

/** Records whose rows one step of derivingRows builds. */
const rowsStep = 200;
/** The order of the search documents' types (and, within a type, the records'). */
const searchOrder: RecordType[] = ["actor", "event", "claim", "implication", "issue", "position", "source"];

/** knowledgeRows as stepped work, a step per few hundred records: an import's are thousands. */
export function* derivingRows(
  records: DerivedRecord[],
  evidence: EvidenceRow[],
  texts: ReadonlyMap<string, string>,
): SteppedWork<KnowledgeRows> {
  const byRecord = groupBy(evidence, (row) => {
    const target = evidenceTargetOf(row);
    return `${target}/${row[evidenceColumnOf[target]]}`;
  });
  const quotesOf = (target: RecordType, id: string) => (byRecord.get(`${target}/${id}`) ?? []).map((row) => row.quote);
  // Sorted by type, the steps' rows follow one another in the order one pass over all of them gives.
  const sorted = records.toSorted((a, b) => searchOrder.indexOf(a.recordType) - searchOrder.indexOf(b.recordType));
  yield;
  const rows = rowsOf([], quotesOf, texts);
  for (let at = 0; at < sorted.length; at += rowsStep) {
    const step = rowsOf(sorted.slice(at, at + rowsStep), quotesOf, texts);
    for (const table of Object.keys(rows) as (keyof KnowledgeRows)[]) (rows[table] as unknown[]).push(...step[table]);
    yield;
  }
  return { ...rows, evidence };
}

/** The rows of some derived records, their evidence and citations aside. */
function rowsOf(
  records: DerivedRecord[],
  quotesOf: (target: RecordType, id: string) => string[],
  texts: ReadonlyMap<string, string>,
): KnowledgeRows {
  const of = <T extends RecordType>(type: T) =>
    records.filter((r): r is DerivedRecord & { recordType: T; fields: FieldsOf[T] } => r.recordType === type);
  const provenance = (record: DerivedRecord) => ({
    sourceCount: record.sourceCount,
    conflicts: JSON.stringify(record.conflicts),
  });
  const actors = of("actor").map((r) => ({ id: r.recordId, ...r.fields }));
  const events = of("event").map((r) => {
    const start = parsePartialDate(r.fields.date);
    return {
      record: r,
      row: {
        id: r.recordId,
        title: r.fields.title,
        summary: r.fields.summary,
        date: start.date,
        datePrecision: start.precision,
        endDate: r.fields.endDate === undefined ? null : parsePartialDate(r.fields.endDate).date,
        location: r.fields.location ?? null,
        ...provenance(r),
      },
    };
  });
  /** A stored date: as the document gives it, its precision, and the period's first instant and the first after it. */
  const datedAs = (value: string) => {
    const { date, precision } = parsePartialDate(value);
    return { date: value, datePrecision: precision, dateStart: date, dateEnd: periodEnd(value) };
  };
  const undated = { date: null, datePrecision: null, dateStart: null, dateEnd: null };
  const claims = of("claim");
  const implications = of("implication");
  const sources = of("source");
  const positions = of("position").map((r) => ({
    id: r.recordId,
    actorId: r.fields.actor,
    issueId: r.fields.issue,
    stance: r.fields.stance,
    summary: r.fields.summary,
    ...datedAs(r.fields.date),
    eventId: r.fields.event ?? null,
    claimId: r.fields.claim ?? null,
    ...provenance(r),
  }));
  const resolutions = of("resolution").map((r) => ({
    id: r.recordId,
    implicationId: r.fields.implication,
    outcome: r.fields.outcome,
    summary: r.fields.summary,
    ...datedAs(r.fields.date),
    ...provenance(r),
  }));

  return {
    sources: sources.map((r) => ({
      id: r.recordId,
      kind: r.fields.kind,
      title: r.fields.title,
      publisher: r.fields.publisher ?? null,
      url: r.fields.url ?? null,
      description: r.fields.description ?? null,
      text: texts.get(r.recordId) ?? null,
      ...provenance(r),
    })),
    citations: [],
    actors: of("actor").map((r) => ({
      id: r.recordId,
      kind: r.fields.kind,
      name: r.fields.name,
      aliases: JSON.stringify(r.fields.aliases),
      description: r.fields.description,
      wikidataId: r.fields.wikidataId ?? null,
      iso3: r.fields.iso3 ?? null,
      actsForId: r.fields.actsFor ?? null,
      role: r.fields.role ?? null,
      ...provenance(r),
    })),
    actorIdentities: dedupe(actors.flatMap(identitiesOf), (row) => `${row.kind}/${row.value}/${row.actorId}`),
    events: events.map((e) => e.row),
    participants: events.flatMap(({ record, row }) =>
      record.fields.participants.map((p) => ({
        eventId: row.id,
        actorId: p.actor,
        role: p.role,
        eventDate: row.date,
      })),
    ),
    claims: claims.map((r) => ({
      id: r.recordId,
      kind: r.fields.kind,
      text: r.fields.text,
      speakerId: r.fields.speaker ?? null,
      figureValue: r.fields.figure?.value ?? null,
      figureUnit: r.fields.figure?.unit ?? null,
      ...(r.fields.date === undefined ? undated : datedAs(r.fields.date)),
      ...provenance(r),
    })),
    claimActors: claims.flatMap((r) => r.fields.about.map((actorId) => ({ claimId: r.recordId, actorId }))),
    implications: implications.map((r) => ({
      id: r.recordId,
      kind: r.fields.kind,
      title: r.fields.title,
      summary: r.fields.summary,
      hedge: r.fields.hedge ?? null,
      likelihood: r.fields.hedge === undefined ? "unstated" : (likelihoodOf(r.fields.hedge) ?? "unstated"),
      horizon: r.fields.horizon ?? null,
      ...provenance(r),
    })),
    implicationActors: implications.flatMap((r) =>
      r.fields.actors.map((a) => ({ implicationId: r.recordId, actorId: a.actor, role: a.role })),
    ),
    implicationClaims: implications.flatMap((r) =>
      r.fields.claims.map((claimId) => ({ implicationId: r.recordId, claimId })),
    ),
    issues: of("issue").map((r) => ({
      id: r.recordId,
      title: r.fields.title,
      description: r.fields.description,
      ...provenance(r),
    })),
    positions,
    resolutions,
    evidence: [],
    searchDocuments: [
      ...actors.map((a) =>
        searchDocument("actor", a.id, {
          title: a.name,
          body: [a.description, ...a.aliases, a.role ?? ""].join("\n"),
          names: [a.name, ...a.aliases],
        }),
      ),
      ...events.map(({ row: e }) =>
        searchDocument("event", e.id, {
          title: e.title,
          body: [e.summary, e.location ?? "", ...quotesOf("event", e.id)].join("\n"),
        }),
      ),
      ...claims.map((c) =>
        searchDocument("claim", c.recordId, { title: c.fields.text, body: quotesOf("claim", c.recordId).join("\n") }),
      ),
      ...implications.map((m) =>
        searchDocument("implication", m.recordId, {
          title: m.fields.title,
          body: [m.fields.summary, ...quotesOf("implication", m.recordId)].join("\n"),
        }),
      ),
      ...sources.map((s) =>
        searchDocument("source", s.recordId, {
          title: s.fields.title,
          body: [s.fields.description ?? "", s.fields.publisher ?? ""].join("\n"),
        }),
      ),
    ],
  };
}

/** What each kind of actor identity is called in a refusal. */
export const identityNames: Record<ActorIdentityRow["kind"], string> = {
  wikidata: "Wikidata item",
  iso3: "ISO 3166-1 code",
  name: "name or alias",
};

/** What identifies a bundle's actor: its Wikidata item, its code, its name and aliases, exactly as written. */
export function identitiesOf(
  actor: Pick<Bundle["actors"][number], "id" | "name" | "aliases" | "wikidataId" | "iso3">,
): ActorIdentityRow[] {
  return [
    ...(actor.wikidataId ? [{ kind: "wikidata" as const, value: actor.wikidataId, actorId: actor.id }] : []),
    ...(actor.iso3 ? [{ kind: "iso3" as const, value: actor.iso3, actorId: actor.id }] : []),
    ...[actor.name, ...actor.aliases].map((value) => ({ kind: "name" as const, value, actorId: actor.id })),
  ];
}

/** Every actor id a bundle references, defined in it or not. */
export function referencedActorIds(bundle: Bundle): Set<string> {
  return new Set([
    ...bundle.actors.flatMap((a) => (a.actsFor ? [a.actsFor] : [])),
    ...bundle.events.flatMap((e) => e.participants.map((p) => p.actor)),
    ...bundle.claims.flatMap((c) => [...(c.speaker ? [c.speaker] : []), ...c.about]),
    ...bundle.implications.flatMap((i) => i.actors.map((a) => a.actor)),
    ...bundle.positions.map((p) => p.actor),
  ]);
}

/** A record listed twice (the same actor named twice in a claim) is one link. */
function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}
