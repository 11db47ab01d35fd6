// Events: what happened or was announced, dated as precisely as the source says.
import { z } from "zod";
import { partialDate, textLimits } from "../../content/bundle-schema.js";
import { storableText } from "../../content/storable-text.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { Actor } from "../actors/schemas.js";
import { attestations, provenance, provenanceFilters } from "../assertions/schemas.js";
import {
  ActorRef,
  datePrecision,
  Evidence,
  embeddedList,
  exampleEvidence,
  exampleTimestamps,
  includedRelations,
  includeParam,
  moreLinks,
  recordId,
  timestamps,
} from "../record-refs.js";

export const Participant = z
  .object({ actor: ActorRef, role: z.string().max(textLimits.label).describe("What the actor did in the event.") })
  .meta({ id: "Participant", description: "An actor taking part in an event." });

export const Event = z
  .object({
    id: recordId,
    title: z.string().max(textLimits.title),
    summary: z.string().max(textLimits.summary),
    date: z
      .string()
      .max(textLimits.date)
      .describe("When it happened, as precisely as the source says: `2025`, `2025-04` or `2025-05-08`."),
    datePrecision: datePrecision.describe("How much of `date` the source states."),
    endDate: z
      .string()
      .max(textLimits.date)
      .nullable()
      .describe("The last day of an event that spans days (same format as `date`)."),
    location: z.string().max(textLimits.name).nullable(),
    participants: embeddedList(Participant),
    evidence: embeddedList(Evidence),
    more: moreLinks(["participants", "evidence"]),
    ...provenance,
    attestations,
    ...timestamps,
    included: includedRelations({ actors: embeddedList(Actor).optional() }),
  })
  .meta({
    id: "Event",
    description: "Something that happened or was announced, with its participants and evidence.",
    examples: [
      {
        id: "victory-day-truce-proposal",
        title: "Russia's proposed three-day Victory Day ceasefire",
        summary:
          "Russia proposed a three-day ceasefire for Victory Day, May 8–10, 2025, which Kyiv dismissed as performative; the article reads it as Russia playing for time.",
        date: "2025-05-08",
        datePrecision: "day",
        endDate: "2025-05-10",
        location: null,
        participants: [
          { actor: { id: "russia", name: "Russia" }, role: "proposer" },
          { actor: { id: "ukraine", name: "Ukraine" }, role: "dismissed the proposal" },
        ],
        evidence: exampleEvidence(
          "us-withdrawal-from-peace-talks-2025/event/victory-day-truce-proposal/1",
          "Russia’s proposed three-day ceasefire for May 8–10, 2025, was dismissed by Kyiv as performative.",
          7547,
          7643,
        ),
        sourceCount: 1,
        conflicts: [],
        ...exampleTimestamps,
      },
    ],
  });
export type Event = z.infer<typeof Event>;

export const EventList = listOf(Event, "EventList", "A page of events, in date order.");

export const eventFilters = {
  from: partialDate.optional().describe("Only events starting on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
  to: partialDate
    .optional()
    .describe("Only events starting on or before the end of this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
  q: storableText(200).optional().describe("Full-text match on title, summary, location and quotes."),
  ...provenanceFilters,
  include: includeParam(["actors", "attestations"]),
  ...pageQuery,
};

export const ListEventsQuery = z.strictObject({
  actor: recordId.optional().describe("Only events this actor took part in."),
  ...eventFilters,
});

export const GetEventQuery = z.strictObject({ include: includeParam(["actors", "attestations"]) });
export const EventParams = z.strictObject({ id: recordId });
