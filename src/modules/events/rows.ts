// Events with their participants and evidence in one SQL statement (why:
// claims/rows.ts), in date order.
import type { EventRow as StoredEvent } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { embeddedLimit } from "../record-refs.js";
import {
  type ActorRefRow,
  actorRefJson,
  type EvidenceRow,
  evidenceList,
  loadRows,
  type RecordRow,
  type RelationList,
} from "../record-rows.js";

export interface EventRow extends StoredEvent, RecordRow {
  /** By actor id. */
  participants: { actor: ActorRefRow; role: string }[];
  evidence: EvidenceRow[];
}

export const eventLists = {
  participants: {
    item: (sql) => sql.object({ actor: actorRefJson(sql, "a"), role: `p."role"` }),
    orderBy: `p."actorId"`,
    from: (sql, owner) =>
      `FROM ${sql.table("EventParticipant")} p JOIN ${sql.table("Actor")} a ON a."id" = p."actorId" WHERE p."eventId" = ${owner}`,
  },
  evidence: evidenceList("eventId"),
} satisfies Record<string, RelationList>;

/** The events with these ids, by date then id, at most `limit` of them, each list of at most `embedded` items (null: all). */
export const loadEventRows = (
  db: Database,
  ids: string[],
  limit = ids.length,
  embedded: number | null = embeddedLimit,
) =>
  loadRows<EventRow>(
    db,
    ids,
    limit,
    {
      table: "Event",
      alias: "ev",
      columns: ["title", "summary", "date", "datePrecision", "endDate", "location"],
      dates: ["date", "endDate"],
      orderBy: ["date", "id"],
      lists: eventLists,
    },
    embedded,
  );
