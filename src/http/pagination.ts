// Keyset pagination: an opaque cursor holds the sort key of the last item
// served, so a page costs the same wherever it is and stays stable while data
// changes. Cursors are bound to the list that issued them.
import { z } from "zod";
import { int32, int32Query } from "./int32.js";
import { InvalidParameterError } from "./problem.js";

export const PageInfo = z
  .object({
    limit: int32().describe("The page size used."),
    nextCursor: z
      .string()
      .max(500)
      .nullable()
      .describe("Pass as `cursor` to get the next page; `null` on the last page."),
  })
  .meta({
    id: "PageInfo",
    description: "Where a page of a list ends.",
    examples: [{ limit: 20, nextCursor: "eyJsIjoiYWN0b3JzIiwiayI6WyJmcmFuY2UiXX0" }],
  });

/** The most items one page of any list holds. */
export const maxPageSize = 100;

export const pageQuery = {
  limit: int32Query(1, maxPageSize).default(20).describe("How many items per page (1-100)."),
  cursor: z.string().max(500).optional().describe("The `nextCursor` of the previous page."),
};

export function listOf<T extends z.ZodType>(item: T, id: string, description: string) {
  return z.object({ data: z.array(item).max(maxPageSize), page: PageInfo }).meta({ id, description });
}

export type SortKey = (string | number)[];

const cursorPayload = z.strictObject({ l: z.string(), k: z.unknown() });

/** Sort keys of the lists: by id, by (date, id), by (rank, type, id), by position (a record's own list). */
export const idKey = z.tuple([z.string()]);
export const dateIdKey = z.tuple([z.iso.datetime(), z.string()]);
export const rankKey = z.tuple([z.number(), z.string(), z.string()]);
export const positionKey = z.tuple([
  z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
]);

export function encodeCursor(list: string, key: SortKey): string {
  return Buffer.from(JSON.stringify({ l: list, k: key })).toString("base64url");
}

/** Decodes a cursor issued by `list`; anything else is a 400 for the `cursor` parameter. */
export function decodeCursor<K extends SortKey>(
  list: string,
  cursor: string | undefined,
  key: z.ZodType<K>,
): K | undefined {
  if (cursor === undefined) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    payload = undefined;
  }
  const parsed = cursorPayload.safeParse(payload);
  const sortKey = key.safeParse(parsed.data?.k);
  if (!parsed.success || parsed.data.l !== list || !sortKey.success) {
    throw new InvalidParameterError({ in: "query", name: "cursor", reason: "is not a cursor issued by this list" });
  }
  return sortKey.data;
}

/** Cuts a `limit + 1` fetch into a page and the cursor for the next one. */
export function toPage<T>(list: string, rows: T[], limit: number, keyOf: (row: T) => SortKey) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    page: { limit, nextCursor: rows.length > limit && last ? encodeCursor(list, keyOf(last)) : null },
  };
}
