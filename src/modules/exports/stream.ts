// The knowledge base (or one kind of record, about one actor) streamed page by
// page through the list services, so memory holds one page whatever the size:
// NDJSON (one record per line), CSV (one kind per file, RFC 4180) or one JSON
// document.
import type { Database } from "../../db/database.js";
import { getActor, listActors } from "../actors/service.js";
import { listClaims } from "../claims/service.js";
import { listEvents } from "../events/service.js";
import { listImplications } from "../implications/service.js";
import { listIssues } from "../issues/service.js";
import { listPositions } from "../positions/service.js";
import { listResolutions } from "../resolutions/service.js";
import { getSource, listSources } from "../sources/service.js";

export const exportTypes = [
  "actors",
  "events",
  "claims",
  "implications",
  "issues",
  "positions",
  "resolutions",
  "sources",
] as const;
export type ExportType = (typeof exportTypes)[number];
export const exportFormats = ["ndjson", "csv", "json"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** One kind of record (CSV needs one); all kinds when absent. */
  type?: ExportType | undefined;
  /** Only records about, by or involving this actor (events, claims, implications, issues it took positions on, its positions, the resolutions of its implications). */
  actor?: string | undefined;
}

type Row = Record<string, unknown> & { id: string };
type Page = { data: Row[]; page: { nextCursor: string | null } };
const pageSize = 100;

// Complete records: every list whole, where a record's page cuts each at embeddedLimit.
const lists: Record<ExportType, (db: Database, cursor: string | undefined, actor?: string) => Promise<Page>> = {
  actors: (db, cursor) => listActors(db, { limit: pageSize, cursor, complete: true }) as Promise<Page>,
  events: (db, cursor, actor) => listEvents(db, { limit: pageSize, cursor, actor, complete: true }) as Promise<Page>,
  claims: (db, cursor, actor) => listClaims(db, { limit: pageSize, cursor, actor, complete: true }) as Promise<Page>,
  implications: (db, cursor, actor) =>
    listImplications(db, { limit: pageSize, cursor, actor, complete: true }) as Promise<Page>,
  issues: (db, cursor, actor) => listIssues(db, { limit: pageSize, cursor, actor, complete: true }) as Promise<Page>,
  positions: (db, cursor, actor) =>
    listPositions(db, { limit: pageSize, cursor, actor, complete: true }) as Promise<Page>,
  resolutions: (db, cursor, actor) =>
    listResolutions(db, { limit: pageSize, cursor, actor, complete: true }) as Promise<Page>,
  sources: (db, cursor) => listSources(db, { limit: pageSize, cursor, complete: true }) as Promise<Page>,
};

/** The kinds an export covers: all, or the one asked for. */
export function typesOf(options: ExportOptions): ExportType[] {
  return options.type ? [options.type] : [...exportTypes];
}

async function* pages(db: Database, type: ExportType, actor: string | undefined): AsyncGenerator<Row> {
  let cursor: string | undefined;
  do {
    const page = await lists[type](db, cursor, actor);
    yield* page.data;
    cursor = page.page.nextCursor ?? undefined;
  } while (cursor);
}

/** The sources a record's evidence quotes. */
const quotedSources = (record: Row) =>
  ((record.evidence ?? []) as { source?: { id?: string } }[]).flatMap((e) => (e.source?.id ? [e.source.id] : []));

/**
 * One actor's part of the knowledge base: the actor itself, the events, claims
 * and implications about it, and the sources every one of those quotes. Sources
 * come last, so their ids are gathered from what was exported before them (or,
 * when sources alone are asked for, from a pass over the rest).
 */
function actorRecords(db: Database, actor: string) {
  const sources = new Set<string>();
  const gathered = async function* (type: ExportType): AsyncGenerator<Row> {
    const rows = type === "actors" ? [await getActor(db, actor)] : pages(db, type, actor);
    for await (const row of rows as AsyncIterable<Row>) {
      for (const id of quotedSources(row)) sources.add(id);
      yield row;
    }
  };
  return async function* (type: ExportType, typesExported: ExportType[]): AsyncGenerator<Row> {
    if (type !== "sources") return yield* gathered(type);
    // Sources alone (CSV): the other kinds are read only for the sources they quote.
    for (const other of exportTypes.filter((t) => t !== "sources" && !typesExported.includes(t))) {
      const rows = gathered(other);
      while (!(await rows.next()).done);
    }
    for (const id of [...sources].sort()) yield (await getSource(db, id)) as unknown as Row;
  };
}

/** The records of each of `types`, in order: every record, or (with an actor) that actor's part. */
function recordsOf(db: Database, options: ExportOptions, types: ExportType[]) {
  if (!options.actor) return (type: ExportType) => pages(db, type, undefined);
  const ofActor = actorRecords(db, options.actor);
  return (type: ExportType) => ofActor(type, types);
}

export async function* exportChunks(db: Database, options: ExportOptions, revision: number): AsyncGenerator<string> {
  const types = typesOf(options);
  const records = recordsOf(db, options, types);
  if (options.format === "ndjson") {
    for (const type of types) {
      for await (const record of records(type)) yield `${JSON.stringify({ recordType: type, ...record })}\n`;
    }
    return;
  }
  if (options.format === "csv") {
    const [type] = types;
    if (!type) return;
    let columns: string[] | undefined;
    for await (const record of records(type)) {
      if (!columns) {
        columns = Object.keys(record).filter((key) => key !== "included");
        yield csvLine(columns);
      }
      yield csvLine(columns.map((column) => csvCell(column, record[column])));
    }
    return;
  }
  yield `{"revision":${revision},"data":{`;
  for (const [index, type] of types.entries()) {
    yield `${index > 0 ? "," : ""}"${type}":[`;
    let first = true;
    for await (const record of records(type)) {
      yield `${first ? "" : ","}${JSON.stringify(record)}`;
      first = false;
    }
    yield "]";
  }
  yield "}}\n";
}

/**
 * A value as one CSV cell: references by id, lists joined by "; ", evidence
 * as its quotes, one per line, conflicts as the fields they are on.
 */
function csvCell(column: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (column === "evidence" && Array.isArray(value)) return value.map((e) => (e as { quote: string }).quote).join("\n");
  if (Array.isArray(value)) return value.map((item) => csvCell("", item)).join("; ");
  if (typeof value === "object") {
    const object = value as {
      id?: unknown;
      actor?: { id?: unknown };
      value?: unknown;
      unit?: unknown;
      field?: unknown;
    };
    if (object.actor?.id !== undefined) return String(object.actor.id);
    if (typeof object.field === "string") return object.field;
    if (object.id !== undefined) return String(object.id);
    if (object.value !== undefined) return `${object.value} ${object.unit ?? ""}`.trim();
    return JSON.stringify(value);
  }
  return String(value);
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end in CRLF. */
function csvLine(cells: string[]): string {
  return `${cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(",")}\r\n`;
}
