// Events with their participants and evidence in one SQL statement (why:
// claims/rows.ts), in date order.
import type { EventRow as StoredEvent } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import {
  type ActorRefRow,
  actorRefJson,
  type EvidenceRow,
  evidenceJson,
  loadRows,
  type Timestamps,
} from "../record-rows.js";

export interface EventRow extends StoredEvent, Timestamps {
  /** By actor id. */
  participants: { actor: ActorRefRow; role: string }[];
  evidence: EvidenceRow[];
}

/** The events with these ids, by date then id, at most `limit` of them. */
export const loadEventRows = (db: Database, ids: string[], limit = ids.length) =>
  loadRows<EventRow>(db, ids, limit, {
    table: "Event",
    alias: "ev",
    columns: ["title", "summary", "date", "datePrecision", "endDate", "location"],
    dates: ["date", "endDate"],
    orderBy: ["date", "id"],
    relations: (sql) => ({
      participants: sql.array(
        sql.object({ actor: actorRefJson(sql, "a"), role: `p."role"` }),
        `p."actorId"`,
        `FROM ${sql.table("EventParticipant")} p JOIN ${sql.table("Actor")} a ON a."id" = p."actorId" WHERE p."eventId" = ev."id"`,
      ),
      evidence: evidenceJson(sql, `e."eventId" = ev."id"`),
    }),
  });
