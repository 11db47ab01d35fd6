// Reads the timeline: events in the order of the periods their dates name.

import { z } from "zod";
import { formatPartialDate, parsePartialDate, periodEnd } from "../../content/partial-date.js";
import type { DatePrecision } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { jsonSql, limitRows, statementParams } from "../../db/json-sql.js";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { loadEventRows } from "../events/rows.js";
import type { TimelineEntry } from "./schemas.js";

export interface TimelineOptions {
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const list = "timeline";
/** A page's place: the last entry's sort key and id. */
const timelineKey = z.tuple([z.string().max(20), z.string()]);

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

export async function listTimeline(db: Database, options: TimelineOptions) {
  const after = decodeCursor(list, options.cursor, timelineKey);
  const sql = jsonSql(db);
  const { values, param } = statementParams(db);
  const order = periodOrder(db, `e."date"`, `e."datePrecision"`);
  const from = options.actor
    ? `${sql.table("EventParticipant")} p JOIN ${sql.table("Event")} e ON e."id" = p."eventId"`
    : `${sql.table("Event")} e`;
  const conditions = [
    options.actor && `p."actorId" = ${param(options.actor)}`,
    options.from && `e."date" >= ${sql.instant(param, parsePartialDate(options.from).date)}`,
    options.to && `e."date" < ${sql.instant(param, periodEnd(options.to))}`,
    after && `(${order} > ${param(after[0])} OR (${order} = ${param(after[0])} AND e."id" > ${param(after[1])}))`,
  ].filter((condition): condition is string => Boolean(condition));
  // Every entry of the filters is ordered by the period's text: a sort of the actor's events, not an index's order.
  const keys = await db.queryRows<{ id: string; order: string }>(
    `SELECT e."id" AS "id", ${order} AS "order" FROM ${from}
     ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
     ORDER BY 2, 1 ${limitRows(options.limit + 1)}`,
    values,
  );
  const page = toPage(list, keys, options.limit, (row) => [row.order, row.id]);
  const rows = new Map(
    (
      await loadEventRows(
        db,
        page.data.map((row) => row.id),
      )
    ).map((row) => [row.id, row]),
  );
  const data: TimelineEntry[] = page.data.flatMap((key) => {
    const row = rows.get(key.id);
    if (!row) return [];
    const precision = row.datePrecision as DatePrecision;
    return [
      {
        type: "event" as const,
        id: row.id,
        title: row.title,
        summary: row.summary,
        date: formatPartialDate(row.date, precision),
        datePrecision: precision,
        endDate: row.endDate ? formatPartialDate(row.endDate, "day") : null,
        participants: row.participants,
      },
    ];
  });
  return { data, page: page.page };
}
