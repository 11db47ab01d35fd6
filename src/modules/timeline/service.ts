// Reads the timeline: events and positions in the order of the periods their
// dates name.

import { z } from "zod";
import { formatPartialDate, parsePartialDate, periodEnd } from "../../content/partial-date.js";
import type { DatePrecision } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { jsonSql, limitRows, statementParams } from "../../db/json-sql.js";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { loadEventRows } from "../events/rows.js";
import { loadPositionRows } from "../positions/rows.js";
import type { Position } from "../positions/schemas.js";
import { type TimelineEntry, type TimelineType, timelineTypes } from "./schemas.js";

export interface TimelineOptions {
  actor?: string | undefined;
  issue?: string | undefined;
  type?: TimelineType | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const list = "timeline";
/** A page's place: the last entry's sort key, type and id. */
const timelineKey = z.tuple([z.string().max(20), z.enum(timelineTypes), z.string()]);

/**
 * The order of the period a date names, as text: `2025-04-18`, `2025-04-99`
 * for April 2025, `2025-99` for 2025. It sorts as the periods' ends do, so a
 * month follows its days and a year its months (either may have happened as
 * late as that), where the period's first instant would put April before its
 * own first day's events and 2022's talks before 2022's February invasion.
 */
function periodOrder(db: Database, date: string, precision: string): string {
  const part = (pattern: "YYYY" | "YYYY-MM" | "YYYY-MM-DD") =>
    db.location.provider === "sqlite" ? `substr(${date}, 1, ${pattern.length})` : `to_char(${date}, '${pattern}')`;
  return `(CASE ${precision} WHEN 'year' THEN ${part("YYYY")} || '-99' WHEN 'month' THEN ${part("YYYY-MM")} || '-99' ELSE ${part("YYYY-MM-DD")} END)`;
}

type Param = ReturnType<typeof statementParams>["param"];

/** The keys of the events the filters keep: each event's period order and id. */
function eventKeys(db: Database, options: TimelineOptions, param: Param): string {
  const sql = jsonSql(db);
  const conditions = [
    options.actor &&
      `EXISTS (SELECT 1 FROM ${sql.table("EventParticipant")} x WHERE x."eventId" = e."id" AND x."actorId" = ${param(options.actor)})`,
    options.issue &&
      `EXISTS (SELECT 1 FROM ${sql.table("Position")} x WHERE x."eventId" = e."id" AND x."issueId" = ${param(options.issue)})`,
    options.from && `e."date" >= ${sql.instant(param, parsePartialDate(options.from).date)}`,
    options.to && `e."date" < ${sql.instant(param, periodEnd(options.to))}`,
  ];
  return keysOf(
    `SELECT ${periodOrder(db, `e."date"`, `e."datePrecision"`)} AS "order", 'event' AS "type", e."id" AS "id" FROM ${sql.table("Event")} e`,
    conditions,
  );
}

/** The keys of the positions the filters keep. */
function positionKeys(db: Database, options: TimelineOptions, param: Param): string {
  const sql = jsonSql(db);
  const conditions = [
    options.actor && `p."actorId" = ${param(options.actor)}`,
    options.issue && `p."issueId" = ${param(options.issue)}`,
    options.from && `p."dateStart" >= ${sql.instant(param, parsePartialDate(options.from).date)}`,
    options.to && `p."dateStart" < ${sql.instant(param, periodEnd(options.to))}`,
  ];
  return keysOf(
    `SELECT ${periodOrder(db, `p."dateStart"`, `p."datePrecision"`)} AS "order", 'position' AS "type", p."id" AS "id" FROM ${sql.table("Position")} p`,
    conditions,
  );
}

const keysOf = (select: string, conditions: (string | undefined | false)[]) => {
  const kept = conditions.filter((condition): condition is string => Boolean(condition));
  return kept.length > 0 ? `${select} WHERE ${kept.join(" AND ")}` : select;
};

export async function listTimeline(db: Database, options: TimelineOptions) {
  const after = decodeCursor(list, options.cursor, timelineKey);
  const { values, param } = statementParams(db);
  const parts = [
    options.type !== "position" && eventKeys(db, options, param),
    options.type !== "event" && positionKeys(db, options, param),
  ].filter((part): part is string => Boolean(part));
  const [order, type, id] = after ?? [];
  const resume =
    after &&
    `WHERE k."order" > ${param(order)} OR (k."order" = ${param(order)} AND (k."type" > ${param(type)} OR (k."type" = ${param(type)} AND k."id" > ${param(id)})))`;
  // Ordered by the period's text: a sort of the kept entries, not an index's order.
  const keys = await db.queryRows<{ order: string; type: TimelineType; id: string }>(
    `SELECT k."order", k."type", k."id" FROM (${parts.join(" UNION ALL ")}) k ${resume || ""}
     ORDER BY k."order", k."type", k."id" ${limitRows(options.limit + 1)}`,
    values,
  );
  const page = toPage(list, keys, options.limit, (key) => [key.order, key.type, key.id]);
  const idsOf = (type: TimelineType) => page.data.filter((key) => key.type === type).map((key) => key.id);
  const [events, positions] = await Promise.all([
    loadEventRows(db, idsOf("event")),
    loadPositionRows(db, idsOf("position"), undefined, 0),
  ]);
  const entries = new Map<string, TimelineEntry>([
    ...events.map((row): [string, TimelineEntry] => {
      const precision = row.datePrecision as DatePrecision;
      return [
        `event:${row.id}`,
        {
          type: "event",
          id: row.id,
          title: row.title,
          summary: row.summary,
          date: formatPartialDate(row.date, precision),
          datePrecision: precision,
          endDate: row.endDate ? formatPartialDate(row.endDate, "day") : null,
          participants: row.participants,
        },
      ];
    }),
    ...positions.map((row): [string, TimelineEntry] => [
      `position:${row.id}`,
      {
        type: "position",
        id: row.id,
        actor: row.actor,
        stance: row.stance as Position["stance"],
        issue: row.issue,
        summary: row.summary,
        date: row.date,
        datePrecision: row.datePrecision as DatePrecision,
        event: row.event,
      },
    ]),
  ]);
  const data = page.data.flatMap((key) => entries.get(`${key.type}:${key.id}`) ?? []);
  return { data, page: page.page };
}
