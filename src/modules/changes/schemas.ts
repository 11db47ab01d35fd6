import { z } from "zod";
import { textLimits } from "../../content/bundle-schema.js";
import { collectionOf } from "../../content/statements.js";
import { int32, int32Query } from "../../http/int32.js";
import { maxPageSize, PageInfo, pageQuery } from "../../http/pagination.js";

export const ChangesQuery = z.strictObject({
  since: int32Query(0, 2_147_483_647)
    .default(0)
    .describe("Changes made after this revision (the `revision` of your last sync); 0 for everything."),
  ...pageQuery,
});

export const Change = z
  .object({
    revision: int32().describe("The revision the write made."),
    type: z.enum(Object.values(collectionOf)).describe("The record's collection."),
    id: z.string().max(textLimits.id).describe("The record's id: GET /v1/{type}/{id} reads it (unless deleted)."),
    change: z
      .enum(["created", "updated", "deleted"])
      .describe("`updated` includes a change to its links or evidence, or to what a document states about it."),
    at: z.iso.datetime().max(textLimits.timestamp).describe("When the write committed."),
  })
  .meta({
    id: "Change",
    description: "One record a write created, updated or deleted.",
    examples: [
      { revision: 2, type: "claims", id: "reason-lack-of-progress", change: "updated", at: "2026-11-28T15:00:00.000Z" },
    ],
  });

export const ChangeList = z
  .object({
    revision: int32().describe("The knowledge base's revision now: pass it as `since` next time."),
    data: z.array(Change).max(maxPageSize),
    page: PageInfo,
  })
  .meta({ id: "ChangeList", description: "A page of changes, oldest first." });
