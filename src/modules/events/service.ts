// Reads events in date order, filtered by participant, date range and text.

import { formatPartialDate, parsePartialDate, periodEnd } from "../../content/partial-date.js";
import type { DatePrecision } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { jsonSql, limitRows, statementParams } from "../../db/json-sql.js";
import { dateIdKey, decodeCursor, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { actorsById, pick } from "../actors/service.js";
import { toProvenance } from "../assertions/schemas.js";
import { attestationsOf, type ProvenanceFilters, provenanceConditions } from "../assertions/service.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { matchesText, prepareTextFilter } from "../search/service.js";
import { type EventRow, loadEventRows } from "./rows.js";
import type { Event } from "./schemas.js";

export interface EventIncludes {
  include?: Set<"actors" | "attestations"> | undefined;
}

export interface ListEventsOptions extends EventIncludes, ProvenanceFilters {
  complete?: boolean | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listEvents(db: Database, options: ListEventsOptions) {
  const after = decodeCursor("events", options.cursor, dateIdKey);
  const take = options.limit + 1;
  const rows = await loadEventRows(db, await candidateIds(db, options, after, take), take, embeddedOf(options));
  const page = toPage("events", rows, options.limit, (row) => [row.date.toISOString(), row.id]);
  return { ...page, data: await toEvents(db, page.data, options) };
}

/**
 * The next page's ids, in (date, id) order, from one statement of the list's
 * filters and cursor. With an actor filter they come from the participations'
 * (actorId, eventDate, eventId) index in that order, so a page costs the same
 * however many events the actor or anyone else has; otherwise from the
 * events' (date, id) index.
 */
async function candidateIds(
  db: Database,
  options: ListEventsOptions,
  after: [string, string] | undefined,
  take: number,
): Promise<string[]> {
  const sql = jsonSql(db);
  const text = options.q ? await prepareTextFilter(db, options.q) : undefined;
  const { values, param } = statementParams(db);
  const [afterDate, afterId] = after ? [new Date(after[0]), after[1]] : [];
  const [table, alias, date, id] = options.actor
    ? ["EventParticipant", "p", `p."eventDate"`, `p."eventId"`]
    : ["Event", "e", `e."date"`, `e."id"`];
  const conditions = [
    options.actor && `p."actorId" = ${param(options.actor)}`,
    options.from && `${date} >= ${sql.instant(param, parsePartialDate(options.from).date)}`,
    options.to && `${date} < ${sql.instant(param, periodEnd(options.to))}`,
    text && matchesText(db, "event", text, id, param),
    ...provenanceConditions(db, options, param, options.actor ? { table: "Event", id } : "e"),
    afterDate &&
      `(${date} > ${sql.instant(param, afterDate)} OR (${date} = ${sql.instant(param, afterDate)} AND ${id} > ${param(afterId)}))`,
  ].filter((condition): condition is string => Boolean(condition));
  const rows = await db.queryRows<{ id: string }>(
    `SELECT ${id} AS "id" FROM ${sql.table(table)} ${alias}
     ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
     ORDER BY ${date}, ${id} ${limitRows(take)}`,
    values,
  );
  return rows.map((row) => row.id);
}

export async function getEvent(db: Database, id: string, options: EventIncludes = {}): Promise<Event> {
  const [event] = await toEvents(db, await loadEventRows(db, [id]), options);
  if (!event) throw new NotFoundError("event", id);
  return event;
}

async function toEvents(db: Database, rows: EventRow[], options: EventIncludes): Promise<Event[]> {
  const actors = options.include?.has("actors")
    ? await actorsById(
        db,
        rows.flatMap((row) => row.participants.map((p) => p.actor.id)),
      )
    : undefined;
  const attested = options.include?.has("attestations") ? await attestationsOf(db, "event", rows) : undefined;
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    date: formatPartialDate(row.date, row.datePrecision as DatePrecision),
    datePrecision: row.datePrecision as DatePrecision,
    endDate: row.endDate ? formatPartialDate(row.endDate, "day") : null,
    location: row.location,
    participants: row.participants,
    evidence: row.evidence,
    ...moreOf("events", row),
    ...toProvenance(row),
    ...(attested ? { attestations: attested.get(row.id) ?? [] } : {}),
    ...toTimestamps(row),
    ...(actors
      ? {
          included: {
            actors: pick(
              actors,
              row.participants.map((p) => p.actor.id),
            ),
          },
        }
      : {}),
  }));
}
