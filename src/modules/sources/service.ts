// Reads sources and the citations between them. Full texts are large, so they
// are only loaded when asked for.
import type { Database } from "../../db/database.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { refSelect, toTimestamps } from "../record-refs.js";
import type { Source } from "./schemas.js";

const sourceSelect = {
  id: true,
  kind: true,
  title: true,
  publisher: true,
  url: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  citations: { select: { cited: refSelect.source }, orderBy: { citedId: "asc" } },
  citedBy: { select: { citing: refSelect.source }, orderBy: { citingId: "asc" } },
  mentions: {
    select: { id: true, quote: true, start: true, end: true, source: refSelect.source },
    orderBy: { id: "asc" },
  },
} as const;

export interface SourceIncludes {
  include?: Set<"text"> | undefined;
}

async function findSources(db: Database, where: Prisma.SourceWhereInput, options: SourceIncludes & { take?: number }) {
  const withText = options.include?.has("text") ?? false;
  const rows = await db.prisma.source.findMany({
    where,
    orderBy: { id: "asc" },
    ...(options.take ? { take: options.take } : {}),
    select: { ...sourceSelect, text: withText },
  });
  // hasText without loading every text: one query for the ids that have one.
  const withStoredText = new Set(
    withText
      ? rows.filter((r) => r.text !== null).map((r) => r.id)
      : (
          await db.prisma.source.findMany({
            where: { id: { in: rows.map((r) => r.id) }, text: { not: null } },
            select: { id: true },
          })
        ).map((r) => r.id),
  );
  return rows.map(
    (row): Source => ({
      id: row.id,
      kind: row.kind as Source["kind"],
      title: row.title,
      publisher: row.publisher,
      url: row.url,
      description: row.description,
      hasText: withStoredText.has(row.id),
      ...(withText && row.text !== null ? { text: row.text } : {}),
      cites: row.citations.map((c) => c.cited),
      citedBy: row.citedBy.map((c) => c.citing),
      evidence: row.mentions,
      ...toTimestamps(row),
    }),
  );
}

export interface ListSourcesOptions extends SourceIncludes {
  kind?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listSources(db: Database, options: ListSourcesOptions) {
  const after = decodeCursor("sources", options.cursor, idKey);
  const where = { ...(options.kind ? { kind: options.kind } : {}), ...(after ? { id: { gt: after[0] } } : {}) };
  const rows = await findSources(db, where, { ...options, take: options.limit + 1 });
  return toPage("sources", rows, options.limit, (row) => [row.id]);
}

export async function getSource(db: Database, id: string, options: SourceIncludes = {}): Promise<Source> {
  const [source] = await findSources(db, { id }, options);
  if (!source) throw new NotFoundError("source", id);
  return source;
}
