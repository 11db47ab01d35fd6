import { z } from "zod";
import { int32 } from "../../http/int32.js";
import { Actor } from "../actors/schemas.js";
import { Claim } from "../claims/schemas.js";
import { Event } from "../events/schemas.js";
import { Implication } from "../implications/schemas.js";
import { Issue } from "../issues/schemas.js";
import { Position } from "../positions/schemas.js";
import { recordId } from "../record-refs.js";
import { Resolution } from "../resolutions/schemas.js";
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
      "One actor's part: the actor, the events, claims and implications about, by or involving it, the issues it took positions on and its positions, the resolutions of those implications, and the sources they quote.",
    ),
});

/**
 * A record as exported: its lists whole, where its own endpoint shows the
 * first `embeddedLimit` of each and names them under `more`.
 */
function complete(record: z.ZodObject, id: string) {
  const cut = (record.shape.more as z.ZodOptional<z.ZodObject>).unwrap().shape;
  const lists = Object.keys(cut).map((name) => {
    const list = record.shape[name] as z.ZodArray;
    return [name, z.array(list.element).describe(list.description ?? "")];
  });
  const pageOnly = ["more", "included"].filter((name) => name in record.shape).map((name) => [name, true] as const);
  return record
    .omit(Object.fromEntries(pageOnly) as Record<string, true>)
    .extend(Object.fromEntries(lists))
    .meta({ id, description: `${record.description ?? ""} Every list is complete.` });
}

export const ExportDocument = z
  .object({
    revision: int32().describe("The knowledge base's revision when the export started."),
    data: z
      .object({
        actors: z.array(complete(Actor, "ExportedActor")),
        events: z.array(complete(Event, "ExportedEvent")),
        claims: z.array(complete(Claim, "ExportedClaim")),
        implications: z.array(complete(Implication, "ExportedImplication")),
        issues: z.array(complete(Issue, "ExportedIssue")),
        positions: z.array(complete(Position, "ExportedPosition")),
        resolutions: z.array(complete(Resolution, "ExportedResolution")),
        sources: z.array(complete(Source, "ExportedSource")),
      })
      .partial()
      .describe("Each kind exported, in id order (events, positions and resolutions: date order)."),
  })
  .meta({ id: "ExportDocument", description: "The knowledge base, or the part asked for, as one JSON document." });
