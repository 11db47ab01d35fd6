// The reader page of a stored document: its text, every evidence passage
// quoted from it, and the records those passages support.
import type { Database } from "../../db/database.js";
import { NotFoundError } from "../../http/problem.js";
import { keyOf, passageAnchor, type ReaderDocument, type ReaderRecord, type ReaderRecordType } from "./reader-page.js";

/** UTF-16 indexes of code-point offsets (the API's positions) in `text`: the identity unless it has astral characters. */
function utf16Index(text: string): (codePoint: number) => number {
  if (!/[\uD800-\uDBFF]/u.test(text)) return (codePoint) => codePoint;
  const indexes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    indexes.push(i);
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) i++;
  }
  indexes.push(text.length);
  return (codePoint) => indexes[codePoint] ?? text.length;
}

const plural: Record<ReaderRecordType, string> = {
  actor: "actors",
  event: "events",
  claim: "claims",
  implication: "implications",
  source: "sources",
};

export async function loadReaderDocument(db: Database, sourceId: string): Promise<ReaderDocument> {
  const p = db.prisma;
  const source = await p.source.findUnique({ where: { id: sourceId }, select: { title: true, text: true } });
  if (source?.text == null) throw new NotFoundError("document with a text", sourceId);
  const evidence = await p.evidence.findMany({
    where: { sourceId },
    select: {
      start: true,
      end: true,
      actorId: true,
      eventId: true,
      claimId: true,
      implicationId: true,
      mentionedSourceId: true,
    },
  });
  const idsOf = (pick: (row: (typeof evidence)[number]) => string | null) => ({
    id: { in: [...new Set(evidence.flatMap((row) => pick(row) ?? []))] },
  });
  const [actors, events, claims, implications, sources] = await Promise.all([
    p.actor.findMany({
      where: idsOf((r) => r.actorId),
      select: { id: true, kind: true, name: true, description: true },
    }),
    p.event.findMany({
      where: idsOf((r) => r.eventId),
      select: { id: true, title: true, summary: true, date: true, datePrecision: true },
    }),
    p.claim.findMany({ where: idsOf((r) => r.claimId), select: { id: true, kind: true, text: true } }),
    p.implication.findMany({
      where: idsOf((r) => r.implicationId),
      select: { id: true, kind: true, title: true, summary: true },
    }),
    p.source.findMany({ where: idsOf((r) => r.mentionedSourceId), select: { id: true, kind: true, title: true } }),
  ]);
  const record = (
    type: ReaderRecordType,
    id: string,
    label: string,
    title: string,
    summary?: string,
  ): ReaderRecord => ({
    type,
    id,
    label,
    title,
    summary,
    href: `/v1/${plural[type]}/${id}`,
  });
  const datePart = { year: 4, month: 7, day: 10 } as const;
  const records = [
    ...actors.map((a) => record("actor", a.id, `Actor · ${a.kind}`, a.name, a.description)),
    ...events.map((e) =>
      record(
        "event",
        e.id,
        `Event · ${e.date.toISOString().slice(0, datePart[e.datePrecision as keyof typeof datePart] ?? 10)}`,
        e.title,
        e.summary,
      ),
    ),
    ...claims.map((c) => record("claim", c.id, `Claim · ${c.kind}`, c.text)),
    ...implications.map((i) => record("implication", i.id, `Implication · ${i.kind}`, i.title, i.summary)),
    ...sources.map((s) => record("source", s.id, `Cited source · ${s.kind}`, s.title)),
  ];
  const toIndex = utf16Index(source.text);
  const typeOf = (row: (typeof evidence)[number]): [ReaderRecordType, string] | undefined =>
    row.actorId
      ? ["actor", row.actorId]
      : row.eventId
        ? ["event", row.eventId]
        : row.claimId
          ? ["claim", row.claimId]
          : row.implicationId
            ? ["implication", row.implicationId]
            : row.mentionedSourceId
              ? ["source", row.mentionedSourceId]
              : undefined;
  return {
    title: source.title,
    status: `Stored document ${sourceId}`,
    text: source.text,
    records: new Map(records.map((r) => [keyOf(r), r])),
    passages: evidence.flatMap((row) => {
      const owner = typeOf(row);
      return owner
        ? [
            {
              start: toIndex(row.start),
              end: toIndex(row.end),
              record: keyOf({ type: owner[0], id: owner[1] }),
              anchor: passageAnchor(row.start),
            },
          ]
        : [];
    }),
  };
}
