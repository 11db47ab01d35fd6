// Reads the timeline: events, dated claims and positions in the order of the
// periods their dates name.

import { z } from "zod";
import { formatPartialDate, parsePartialDate, periodEnd } from "../../content/partial-date.js";
import type { DatePrecision } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { jsonSql, limitRows, statementParams } from "../../db/json-sql.js";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { loadClaimRows } from "../claims/rows.js";
import type { Claim } from "../claims/schemas.js";
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

/**
 * The keys of one kind of entry the filters keep: each row's period order,
 * the kind's rank within a period, its type and id. `date` is the column
 * holding the period's first instant, which `from` and `to` compare.
 */
function keysOf(
  db: Database,
  options: TimelineOptions,
  param: Param,
  entry: { type: TimelineType; table: string; alias: string; date: string },
  conditions: (string | undefined | false)[],
): string {
  const sql = jsonSql(db);
  const { alias, type } = entry;
  const date = `${alias}."${entry.date}"`;
  const kept = [
    ...conditions,
    options.from && `${date} >= ${sql.instant(param, parsePartialDate(options.from).date)}`,
    options.to && `${date} < ${sql.instant(param, periodEnd(options.to))}`,
  ].filter((condition): condition is string => Boolean(condition));
  const select = `SELECT ${periodOrder(db, date, `${alias}."datePrecision"`)} AS "order", ${timelineTypes.indexOf(type)} AS "rank", '${type}' AS "type", ${alias}."id" AS "id" FROM ${sql.table(entry.table)} ${alias}`;
  return kept.length > 0 ? `${select} WHERE ${kept.join(" AND ")}` : select;
}

/** Events the actor took part in, at which a position on the issue was taken. */
function eventKeys(db: Database, options: TimelineOptions, param: Param): string {
  const sql = jsonSql(db);
  return keysOf(db, options, param, { type: "event", table: "Event", alias: "e", date: "date" }, [
    options.actor &&
      `EXISTS (SELECT 1 FROM ${sql.table("EventParticipant")} x WHERE x."eventId" = e."id" AND x."actorId" = ${param(options.actor)})`,
    options.issue &&
      `EXISTS (SELECT 1 FROM ${sql.table("Position")} x WHERE x."eventId" = e."id" AND x."issueId" = ${param(options.issue)})`,
  ]);
}

/** Before every stored date's end: year 0000's ends at 0001-01-01. */
const firstInstant = new Date("0001-01-01T00:00:00.000Z");

/** Dated claims by or about the actor, stating a position on the issue. */
function claimKeys(db: Database, options: TimelineOptions, param: Param): string {
  const sql = jsonSql(db);
  // A placeholder per use: SQLite's are positional.
  const { actor } = options;
  return keysOf(db, options, param, { type: "claim", table: "Claim", alias: "c", date: "dateStart" }, [
    // Dated claims only, as a range of the (dateEnd, id) index: planners read "IS NOT NULL" as most
    // of the table, and SQLite then scans every claim (6 ms at scale 1,000) where the range reads the few dated ones.
    `c."dateEnd" >= ${sql.instant(param, firstInstant)}`,
    actor &&
      `(c."speakerId" = ${param(actor)} OR EXISTS (SELECT 1 FROM ${sql.table("ClaimActor")} x WHERE x."claimId" = c."id" AND x."actorId" = ${param(actor)}))`,
    options.issue &&
      `EXISTS (SELECT 1 FROM ${sql.table("Position")} x WHERE x."claimId" = c."id" AND x."issueId" = ${param(options.issue)})`,
  ]);
}

/** The actor's positions on the issue. */
function positionKeys(db: Database, options: TimelineOptions, param: Param): string {
  return keysOf(db, options, param, { type: "position", table: "Position", alias: "p", date: "dateStart" }, [
    options.actor && `p."actorId" = ${param(options.actor)}`,
    options.issue && `p."issueId" = ${param(options.issue)}`,
  ]);
}

export async function listTimeline(db: Database, options: TimelineOptions) {
  const after = decodeCursor(list, options.cursor, timelineKey);
  const { values, param } = statementParams(db);
  const wanted = (type: TimelineType) => options.type === undefined || options.type === type;
  const parts = [
    wanted("event") && eventKeys(db, options, param),
    wanted("claim") && claimKeys(db, options, param),
    wanted("position") && positionKeys(db, options, param),
  ].filter((part): part is string => Boolean(part));
  const [order, type, id] = after ?? [];
  const rank = type && timelineTypes.indexOf(type);
  const resume =
    after &&
    `WHERE k."order" > ${param(order)} OR (k."order" = ${param(order)} AND (k."rank" > ${param(rank)} OR (k."rank" = ${param(rank)} AND k."id" > ${param(id)})))`;
  // Ordered by the period's text: a sort of the kept entries, not an index's order.
  const keys = await db.queryRows<{ order: string; type: TimelineType; id: string }>(
    `SELECT k."order", k."type", k."id" FROM (${parts.join(" UNION ALL ")}) k ${resume || ""}
     ORDER BY k."order", k."rank", k."id" ${limitRows(options.limit + 1)}`,
    values,
  );
  const page = toPage(list, keys, options.limit, (key) => [key.order, key.type, key.id]);
  const idsOf = (type: TimelineType) => page.data.filter((key) => key.type === type).map((key) => key.id);
  const [events, claims, positions] = await Promise.all([
    loadEventRows(db, idsOf("event")),
    loadClaimRows(db, idsOf("claim"), undefined, 0),
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
    // A claim whose date was taken back between the two reads is off the timeline.
    ...claims.flatMap((row): [string, TimelineEntry][] =>
      row.date === null || row.datePrecision === null
        ? []
        : [
            [
              `claim:${row.id}`,
              {
                type: "claim",
                id: row.id,
                kind: row.kind as Claim["kind"],
                text: row.text,
                speaker: row.speaker,
                date: row.date,
                datePrecision: row.datePrecision,
              },
            ],
          ],
    ),
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
