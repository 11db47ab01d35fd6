import { z } from "zod";
import { int32 } from "../../http/int32.js";
import { Actor } from "../actors/schemas.js";
import { Claim } from "../claims/schemas.js";
import { Event } from "../events/schemas.js";
import { Implication } from "../implications/schemas.js";
import { recordId } from "../record-refs.js";
import { Source } from "../sources/schemas.js";
import { exportFormats, exportTypes } from "./stream.js";

export const ExportQuery = z.strictObject({
  format: z
    .enum(exportFormats)
    .default("ndjson")
    .describe("`ndjson` (one record per line, with its `recordType`), `csv` (needs `type`) or `json` (one document)."),
  type: z.enum(exportTypes).optional().describe("Only this kind of record; every kind when absent."),
  actor: recordId
    .optional()
    .describe(
      "One actor's part: the actor, the events, claims and implications about, by or involving it, and the sources they quote.",
    ),
});

export const ExportDocument = z
  .object({
    revision: int32().describe("The knowledge base's revision when the export started."),
    data: z
      .object({
        actors: z.array(Actor),
        events: z.array(Event),
        claims: z.array(Claim),
        implications: z.array(Implication),
        sources: z.array(Source),
      })
      .partial()
      .describe("Each kind exported, in id (events: date) order."),
  })
  .meta({ id: "ExportDocument", description: "The knowledge base, or the part asked for, as one JSON document." });
