// What `asOf` asks for: a revision, or an instant that names the revision the
// knowledge base stood at then, found in the change feed's times.
import { z } from "zod";
import type { Database } from "../db/database.js";
import { jsonSql } from "../db/json-sql.js";
import { InvalidParameterError } from "../http/problem.js";

const maxRevision = 2_147_483_647;

/** The query parameter, as the OpenAPI document gives it. */
export const asOfParameter = {
  name: "asOf",
  in: "query",
  required: false,
  description:
    "Answer as the knowledge base stood at this revision (an integer, 0 to the current one), or at this instant (an ISO 8601 date-time with its offset, not later than now): records created later are absent, later updates undone, records deleted since are back. The answer never changes, so it is cached as immutable; `KB-Revision` says which revision it shows.",
  schema: {
    oneOf: [
      { type: "integer", format: "int32", minimum: 0, maximum: maxRevision },
      { type: "string", format: "date-time", maxLength: 35 },
    ],
  },
  examples: { revision: { value: 1 }, instant: { value: "2026-12-07T12:00:00Z" } },
};

export type AsOf = { revision: number } | { instant: Date };

const instant = z.iso.datetime({ offset: true }).max(35);

/** A 400 naming what is wrong with the asOf a query gives. */
export const invalidAsOf = (reason: string) => new InvalidParameterError({ in: "query", name: "asOf", reason });

/** The asOf a query gives, or a 400 naming what is wrong with it. */
export function parseAsOf(value: unknown): AsOf {
  if (typeof value !== "string") throw invalidAsOf("give asOf once");
  if (/^\d{1,10}$/.test(value)) {
    const revision = Number(value);
    if (revision > maxRevision) throw invalidAsOf(`a revision is at most ${maxRevision}`);
    return { revision };
  }
  if (!instant.safeParse(value).success)
    throw invalidAsOf("a revision (an integer) or an ISO 8601 date-time with its offset, as 2026-12-07T12:00:00Z");
  const at = new Date(value);
  if (at.getTime() > Date.now())
    throw invalidAsOf("the instant is later than now: the knowledge base then is not known yet");
  return { instant: at };
}

/**
 * The revision the knowledge base stood at, at `at`: the last written by
 * then. A binary search over revisions, each step one read of the change
 * feed's (revision, id) index, so its cost grows with the log of the
 * revisions, not with the feed. A revision that changed no record (and so has
 * no change of its own) is dated by the next one that did.
 */
export async function revisionAt(db: Database, at: Date, current: number): Promise<number> {
  const { table, param } = jsonSql(db);
  const firstFrom = async (revision: number) => {
    const [row] = await db.queryRows<{ revision: number | bigint; createdAt: Date | string }>(
      `SELECT "revision", "createdAt" FROM ${table("Change")} WHERE "revision" >= ${param(1)}
       ORDER BY "revision", "id" LIMIT 1`,
      [revision],
    );
    return row && { revision: Number(row.revision), createdAt: new Date(row.createdAt) };
  };
  const earliest = await firstFrom(1);
  if (!earliest || earliest.createdAt > at) {
    // Before the first dated write: revision 0, unless revisions were written before the feed began.
    if (earliest && earliest.revision > 1)
      throw invalidAsOf(
        `the knowledge base's history before ${earliest.createdAt.toISOString()} (revision ${earliest.revision}) is not dated; ask for a revision by its number`,
      );
    return 0;
  }
  // The answer lies in [low, high].
  let low = earliest.revision;
  let high = current;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const first = await firstFrom(middle);
    if (first && first.revision <= high && first.createdAt <= at) low = first.revision;
    else high = middle - 1;
  }
  return low;
}
