// The timeline: what happened, in date order, each entry as precise as its
// source dates it. Events today; positions and dated claims join it when they
// exist (issue 21).
import { z } from "zod";
import { partialDate, textLimits } from "../../content/bundle-schema.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { Participant } from "../events/schemas.js";
import { datePrecision, embeddedList, recordId } from "../record-refs.js";

export const TimelineEntry = z
  .object({
    type: z.literal("event").describe("What the entry is: an event (the knowledge base's only dated records yet)."),
    id: z.string().max(textLimits.id),
    title: z.string().max(textLimits.title),
    summary: z.string().max(textLimits.summary),
    date: z
      .string()
      .max(textLimits.date)
      .describe("When, as precisely as the source says: `2025`, `2025-04` or `2025-05-08`."),
    datePrecision,
    endDate: z.string().max(textLimits.date).nullable().describe("The last day, for an entry that spans days."),
    participants: embeddedList(Participant),
  })
  .meta({
    id: "TimelineEntry",
    description:
      "One dated record on the timeline. Entries sort by the end of the period their date names, then by precision and id: a month-precision entry follows the days of its month and a year-precision one the months of its year, since either may have happened as late as that.",
    examples: [
      {
        type: "event",
        id: "us-withdrawal-threat",
        title: "US signals intent to withdraw from the peace talks",
        summary:
          "In April 2025 the United States, under President Donald Trump, signalled its intent to withdraw from brokering Russia-Ukraine peace talks unless significant progress was made within days.",
        date: "2025-04",
        datePrecision: "month",
        endDate: null,
        participants: [
          { actor: { id: "united-states", name: "United States" }, role: "broker threatening to withdraw" },
          { actor: { id: "marco-rubio", name: "Marco Rubio" }, role: "articulated the shift" },
        ],
      },
    ],
  });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelineList = listOf(TimelineEntry, "TimelineList", "A page of the timeline, in date order.");

export const TimelineQuery = z.strictObject({
  actor: recordId.optional().describe("Only what this actor took part in."),
  from: partialDate.optional().describe("Only entries starting on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
  to: partialDate.optional().describe("Only entries starting on or before the end of this date."),
  ...pageQuery,
});
