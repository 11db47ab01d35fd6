// Resolves a validated bundle into database rows: checks every reference, finds
// every quote's offsets in the document, and derives the search documents.
// Problems are collected, not thrown one by one, so an author sees them all.
import type { Bundle } from "./bundle-schema.js";
import { ContentError, type ContentProblem } from "./content-error.js";
import { formatPartialDate, parsePartialDate } from "./partial-date.js";
import { createQuoteLocator, type QuoteLocation } from "./quote-locator.js";
import type { ActorIdentityRow, EvidenceRow, KnowledgeRows } from "./rows.js";

type EvidenceTarget = "actor" | "event" | "claim" | "implication" | "source";

const targetColumn: Record<EvidenceTarget, keyof EvidenceRow> = {
  actor: "actorId",
  event: "eventId",
  claim: "claimId",
  implication: "implicationId",
  source: "mentionedSourceId",
};

/**
 * @param knownActorIds actors already in the knowledge base, which a bundle may
 * reference without redefining them.
 * @param locate finds quotes in the document's text (one whose searches are done ahead: an import's).
 */
export function resolveBundle(
  bundle: Bundle,
  knownActorIds: ReadonlySet<string> = new Set(),
  locate: (quote: string) => QuoteLocation = createQuoteLocator(bundle.document.text),
): KnowledgeRows {
  const problems: ContentProblem[] = [];
  const { document } = bundle;
  const evidence: EvidenceRow[] = [];
  // Each record's quotes, for its search document (a filter of the evidence per record would cost records × evidence).
  const quotesByRecord = new Map<string, string[]>();

  const cite = (target: EvidenceTarget, recordId: string, where: string, quotes: string[]) => {
    quotes.forEach((quote, index) => {
      const location = locate(quote);
      if ("problem" in location) {
        problems.push({ where: `${where}.evidence.${index}`, record: recordId, problem: location.problem });
        return;
      }
      evidence.push({
        // Scoped by document: bundles from different sources may cite evidence for the same record.
        id: `${document.id}/${target}/${recordId}/${index + 1}`,
        sourceId: document.id,
        quote,
        ...location,
        actorId: null,
        eventId: null,
        claimId: null,
        implicationId: null,
        mentionedSourceId: null,
        [targetColumn[target]]: recordId,
      });
      const key = `${target}/${recordId}`;
      quotesByRecord.set(key, [...(quotesByRecord.get(key) ?? []), quote]);
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
  uniqueIds("events", bundle.events);
  uniqueIds("implications", bundle.implications);

  const checkRef = (ids: ReadonlySet<string>, kind: string, where: string, record: string, ref: string | undefined) => {
    if (ref !== undefined && !ids.has(ref) && !(kind === "actor" && knownActorIds.has(ref))) {
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

  bundle.actors.forEach((actor, i) => {
    checkRef(actorIds, "actor", `actors.${i}.actsFor`, actor.id, actor.actsFor);
    if (actor.actsFor === actor.id)
      problems.push({ where: `actors.${i}.actsFor`, record: actor.id, problem: "an actor cannot act for itself" });
    cite("actor", actor.id, `actors.${i}`, actor.evidence);
  });

  const events = bundle.events.map((event, i) => {
    const where = `events.${i}`;
    for (const [j, p] of event.participants.entries())
      checkRef(actorIds, "actor", `${where}.participants.${j}.actor`, event.id, p.actor);
    const start = checkDate(`${where}.date`, event.id, event.date);
    const end = event.endDate === undefined ? undefined : checkDate(`${where}.endDate`, event.id, event.endDate);
    if (end && end.date < start.date)
      problems.push({ where: `${where}.endDate`, record: event.id, problem: "ends before it starts" });
    cite("event", event.id, where, event.evidence);
    return {
      id: event.id,
      title: event.title,
      summary: event.summary,
      date: start.date,
      datePrecision: start.precision,
      endDate: end?.date ?? null,
      location: event.location ?? null,
    };
  });

  bundle.claims.forEach((claim, i) => {
    const where = `claims.${i}`;
    checkRef(actorIds, "actor", `${where}.speaker`, claim.id, claim.speaker);
    for (const [j, a] of claim.about.entries()) checkRef(actorIds, "actor", `${where}.about.${j}`, claim.id, a);
    cite("claim", claim.id, where, claim.evidence);
  });

  bundle.implications.forEach((implication, i) => {
    const where = `implications.${i}`;
    for (const [j, a] of implication.actors.entries())
      checkRef(actorIds, "actor", `${where}.actors.${j}.actor`, implication.id, a.actor);
    for (const [j, c] of implication.claims.entries())
      checkRef(claimIds, "claim", `${where}.claims.${j}`, implication.id, c);
    cite("implication", implication.id, where, implication.evidence);
  });

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

  const quotesOf = (target: EvidenceTarget, id: string) => quotesByRecord.get(`${target}/${id}`) ?? [];

  return {
    sources: [
      { ...sourceRow(document), text: document.text },
      ...bundle.citedSources.map((s) => ({ ...sourceRow(s), text: null })),
    ],
    citations: bundle.citedSources.map((s) => ({ citingId: document.id, citedId: s.id })),
    actors: bundle.actors.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      aliases: JSON.stringify(a.aliases),
      description: a.description,
      wikidataId: a.wikidataId ?? null,
      iso3: a.iso3 ?? null,
      actsForId: a.actsFor ?? null,
      role: a.role ?? null,
    })),
    actorIdentities: identities,
    events,
    participants: dedupe(
      events.flatMap((e, i) =>
        (bundle.events[i]?.participants ?? []).map((p) => ({
          eventId: e.id,
          actorId: p.actor,
          role: p.role,
          eventDate: e.date,
        })),
      ),
      (p) => `${p.eventId}/${p.actorId}`,
    ),
    claims: bundle.claims.map((c) => ({
      id: c.id,
      kind: c.kind,
      text: c.text,
      speakerId: c.speaker ?? null,
      figureValue: c.figure?.value ?? null,
      figureUnit: c.figure?.unit ?? null,
    })),
    claimActors: dedupe(
      bundle.claims.flatMap((c) => c.about.map((actorId) => ({ claimId: c.id, actorId }))),
      (r) => `${r.claimId}/${r.actorId}`,
    ),
    implications: bundle.implications.map(({ id, kind, title, summary }) => ({ id, kind, title, summary })),
    implicationActors: dedupe(
      bundle.implications.flatMap((m) =>
        m.actors.map((a) => ({ implicationId: m.id, actorId: a.actor, role: a.role })),
      ),
      (r) => `${r.implicationId}/${r.actorId}`,
    ),
    implicationClaims: dedupe(
      bundle.implications.flatMap((m) => m.claims.map((claimId) => ({ implicationId: m.id, claimId }))),
      (r) => `${r.implicationId}/${r.claimId}`,
    ),
    evidence,
    searchDocuments: [
      ...bundle.actors.map((a) => ({
        type: "actor",
        recordId: a.id,
        title: a.name,
        body: [a.description, ...a.aliases, a.role ?? ""].join("\n"),
      })),
      ...events.map((e) => ({
        type: "event",
        recordId: e.id,
        title: e.title,
        body: [e.summary, e.location ?? "", ...quotesOf("event", e.id)].join("\n"),
      })),
      ...bundle.claims.map((c) => ({
        type: "claim",
        recordId: c.id,
        title: c.text,
        body: quotesOf("claim", c.id).join("\n"),
      })),
      ...bundle.implications.map((m) => ({
        type: "implication",
        recordId: m.id,
        title: m.title,
        body: [m.summary, ...quotesOf("implication", m.id)].join("\n"),
      })),
      ...[document, ...bundle.citedSources].map((s) => ({
        type: "source",
        recordId: s.id,
        title: s.title,
        body: [s.description ?? "", s.publisher ?? ""].join("\n"),
      })),
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
export function identitiesOf(actor: Bundle["actors"][number]): ActorIdentityRow[] {
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
  ]);
}

function sourceRow(source: Bundle["citedSources"][number] | Bundle["document"]) {
  return {
    id: source.id,
    kind: source.kind,
    title: source.title,
    publisher: source.publisher ?? null,
    url: source.url ?? null,
    description: source.description ?? null,
  };
}

/** A record listed twice (the same actor named twice in a claim) is one link. */
function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}
