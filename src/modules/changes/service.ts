// The change feed: what each write did to which record, oldest first, so a
// client can mirror the knowledge base by replaying changes since its last sync.

import { z } from "zod";
import type { Database } from "../../db/database.js";
import { decodeCursor, toPage } from "../../http/pagination.js";

/** A change's id, as the cursor carries it: a positive 32-bit integer. */
const changeKey = z.tuple([
  z
    .string()
    .regex(/^\d{1,10}$/)
    .refine((id) => Number(id) <= 2_147_483_647),
]);

export interface ListChangesOptions {
  since: number;
  limit: number;
  cursor?: string | undefined;
}

export async function listChanges(db: Database, options: ListChangesOptions) {
  const after = decodeCursor("changes", options.cursor, changeKey);
  const rows = await db.prisma.change.findMany({
    where: { revision: { gt: options.since }, ...(after ? { id: { gt: Number(after[0]) } } : {}) },
    orderBy: { id: "asc" },
    take: options.limit + 1,
  });
  const page = toPage("changes", rows, options.limit, (row) => [String(row.id)]);
  return {
    data: page.data.map((row) => ({
      revision: row.revision,
      type: row.recordType as "actors",
      id: row.recordId,
      change: row.change as "created",
      at: row.createdAt.toISOString(),
    })),
    page: page.page,
  };
}
