// The whole knowledge base as content bundles, one per source document (a
// bundle holds one document), in the format imports take. Each record goes
// into every bundle whose document evidences it, with that document's quotes
// in their original order, so importing the export into an empty database
// rebuilds the same rows: the same ids, quotes, offsets and links.
import type { Database } from "../db/database.js";
import type { Bundle } from "./bundle-schema.js";
import { formatPartialDate } from "./partial-date.js";
import type { DatePrecision, SourceRow } from "./rows.js";

export interface KnowledgeExport {
  format: "kb-export";
  version: 1;
  revision: number;
  bundles: Bundle[];
}

type EvidenceOf = Record<"actorId" | "eventId" | "claimId" | "implicationId" | "mentionedSourceId", string | null>;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

const byId = <T extends { id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const optional = <T>(value: T | null) => (value === null ? undefined : value);

/**
 * Every table the export reads, from one snapshot: read while an import
 * commits, the tables could otherwise disagree (a claim without its links, a
 * revision older than the rows), and the export would not import back.
 */
async function readSnapshot(db: Database) {
  return db.prisma.$transaction(
    async (tx) => {
      // PostgreSQL's default takes a snapshot per statement; SQLite's read transaction keeps its first.
      if (db.provider === "postgresql")
        await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      // One after another: a transaction is one connection.
      return {
        sources: await tx.source.findMany(),
        citations: await tx.sourceCitation.findMany(),
        actors: await tx.actor.findMany(),
        events: await tx.event.findMany(),
        participants: await tx.eventParticipant.findMany(),
        claims: await tx.claim.findMany(),
        claimActors: await tx.claimActor.findMany(),
        implications: await tx.implication.findMany(),
        links: await tx.implicationActor.findMany(),
        claimLinks: await tx.implicationClaim.findMany(),
        evidence: await tx.evidence.findMany(),
        revision: (await tx.revision.findUnique({ where: { id: 1 } }))?.value ?? 0,
      };
    },
    { timeout: 30 * 60_000 },
  );
}

export async function exportKnowledge(db: Database): Promise<KnowledgeExport> {
  const {
    sources,
    citations,
    actors,
    events,
    participants,
    claims,
    claimActors,
    implications,
    links,
    claimLinks,
    evidence,
    revision,
  } = await readSnapshot(db);
  const columns: (keyof EvidenceOf)[] = ["actorId", "eventId", "claimId", "implicationId", "mentionedSourceId"];
  const evidenceBy = groupBy(evidence, (e) => {
    const column = columns.find((c) => (e as EvidenceOf)[c] !== null) ?? "mentionedSourceId";
    return `${e.sourceId}\u0000${column}\u0000${(e as EvidenceOf)[column]}`;
  });
  /** Quotes of one document for one record, in the order their ids number them. */
  const quotes = (documentId: string, column: keyof EvidenceOf, recordId: string) =>
    (evidenceBy.get(`${documentId}\u0000${column}\u0000${recordId}`) ?? [])
      .map((e) => ({ quote: e.quote, n: Number(e.id.split("/").at(-1)) }))
      .sort((a, b) => a.n - b.n)
      .map((e) => e.quote);
  const participantsOf = groupBy(participants, (p) => p.eventId);
  const aboutOf = groupBy(claimActors, (a) => a.claimId);
  const actorsOf = groupBy(links, (l) => l.implicationId);
  const claimsOf = groupBy(claimLinks, (l) => l.implicationId);
  const citedBy = groupBy(citations, (c) => c.citingId);
  const evidenced = <T extends { id: string }>(documentId: string, column: keyof EvidenceOf, rows: T[]) =>
    byId(rows).flatMap((row) => {
      const found = quotes(documentId, column, row.id);
      return found.length > 0 ? [{ row, evidence: found }] : [];
    });

  const documents = byId(sources.filter((s) => s.text !== null));
  const bundles = documents.map((document): Bundle => {
    const id = document.id;
    const claimsHere = evidenced(id, "claimId", claims);
    const claimIdsHere = new Set(claimsHere.map(({ row }) => row.id));
    const cited = new Set((citedBy.get(id) ?? []).map((c) => c.citedId));
    const documentEvidence = quotes(id, "mentionedSourceId", id);
    return {
      document: {
        ...sourceFields(document),
        text: document.text ?? "",
        ...(documentEvidence.length > 0 ? { evidence: documentEvidence } : {}),
      },
      citedSources: evidenced(
        id,
        "mentionedSourceId",
        sources.filter((s) => cited.has(s.id)),
      ).map(({ row, evidence }) => ({ ...sourceFields(row), evidence })),
      actors: evidenced(id, "actorId", actors).map(({ row, evidence }) => ({
        id: row.id,
        kind: row.kind as Bundle["actors"][number]["kind"],
        name: row.name,
        aliases: JSON.parse(row.aliases) as string[],
        description: row.description,
        wikidataId: optional(row.wikidataId),
        iso3: optional(row.iso3),
        actsFor: optional(row.actsForId),
        role: optional(row.role),
        evidence,
      })),
      events: evidenced(id, "eventId", events).map(({ row, evidence }) => ({
        id: row.id,
        title: row.title,
        summary: row.summary,
        date: formatPartialDate(row.date, row.datePrecision as DatePrecision),
        // Only the start's precision is stored; the end, to the day, names the same instant.
        endDate: row.endDate ? formatPartialDate(row.endDate, "day") : undefined,
        location: optional(row.location),
        participants: (participantsOf.get(row.id) ?? [])
          .map((p) => ({ actor: p.actorId, role: p.role }))
          .sort((a, b) => a.actor.localeCompare(b.actor)),
        evidence,
      })),
      claims: claimsHere.map(({ row, evidence }) => ({
        id: row.id,
        kind: row.kind as Bundle["claims"][number]["kind"],
        text: row.text,
        speaker: optional(row.speakerId),
        about: (aboutOf.get(row.id) ?? []).map((a) => a.actorId).sort(),
        figure:
          row.figureValue !== null && row.figureUnit !== null
            ? { value: row.figureValue, unit: row.figureUnit }
            : undefined,
        evidence,
      })),
      implications: evidenced(id, "implicationId", implications).map(({ row, evidence }) => ({
        id: row.id,
        kind: row.kind as Bundle["implications"][number]["kind"],
        title: row.title,
        summary: row.summary,
        actors: (actorsOf.get(row.id) ?? [])
          .map((l) => ({ actor: l.actorId, role: l.role as "subject" | "involved" }))
          .sort((a, b) => a.actor.localeCompare(b.actor)),
        // A bundle may only name claims it holds; a link to another document's claim travels with that document.
        claims: (claimsOf.get(row.id) ?? [])
          .filter((l) => claimIdsHere.has(l.claimId))
          .map((l) => l.claimId)
          .sort(),
        evidence,
      })),
    };
  });
  return { format: "kb-export", version: 1, revision, bundles };
}

function sourceFields(source: Omit<SourceRow, "text">) {
  return {
    id: source.id,
    kind: source.kind as Bundle["document"]["kind"],
    title: source.title,
    publisher: optional(source.publisher),
    url: optional(source.url),
    description: optional(source.description),
  };
}
