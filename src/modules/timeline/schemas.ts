// The timeline: what happened, what was said then, and who took which
// position, in date order, each entry as precise as its source dates it.
import { z } from "zod";
import { partialDate, textLimits } from "../../content/bundle-schema.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { ClaimKind } from "../claims/schemas.js";
import { Participant } from "../events/schemas.js";
import { Stance } from "../positions/schemas.js";
import { ActorRef, datePrecision, EventRef, embeddedList, IssueRef, recordId } from "../record-refs.js";

const entryDate = {
  date: z
    .string()
    .max(textLimits.date)
    .describe("When, as precisely as the source says: `2025`, `2025-04` or `2025-05-08`."),
  datePrecision,
};

export const TimelineEvent = z
  .object({
    type: z.literal("event").describe("An event: something that happened."),
    id: z.string().max(textLimits.id),
    title: z.string().max(textLimits.title),
    summary: z.string().max(textLimits.summary),
    ...entryDate,
    endDate: z.string().max(textLimits.date).nullable().describe("The last day, for an entry that spans days."),
    participants: embeddedList(Participant),
  })
  .meta({
    id: "TimelineEvent",
    description: "An event on the timeline, with who took part.",
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

export const TimelinePosition = z
  .object({
    type: z.literal("position").describe("A position: an actor's stance on an issue, taken then."),
    id: z.string().max(textLimits.id),
    actor: ActorRef.describe("Whose position it is."),
    stance: Stance,
    issue: IssueRef.describe("The issue it is on."),
    summary: z.string().max(textLimits.summary),
    ...entryDate,
    event: EventRef.nullable().describe("The event it was taken at, where the source names one."),
  })
  .meta({
    id: "TimelinePosition",
    description: "A position on the timeline: `GET /v1/positions/{id}` has its claim and evidence.",
    examples: [
      {
        type: "position",
        id: "ukraine-rejects-three-day-truce-2025",
        actor: { id: "ukraine", name: "Ukraine" },
        stance: "rejects",
        issue: { id: "ceasefire-terms", title: "Ceasefire terms" },
        summary: "Kyiv dismissed Russia's three-day Victory Day ceasefire as performative.",
        date: "2025-05-08",
        datePrecision: "day",
        event: { id: "victory-day-truce-proposal", title: "Russia's proposed three-day Victory Day ceasefire" },
      },
    ],
  });

export const TimelineClaim = z
  .object({
    type: z.literal("claim").describe("A claim the source dates: something said, or reported to have happened, then."),
    id: z.string().max(textLimits.id),
    kind: ClaimKind,
    text: z.string().max(textLimits.summary),
    speaker: ActorRef.nullable().describe("Who said it, or holds it."),
    ...entryDate,
  })
  .meta({
    id: "TimelineClaim",
    description: "A dated claim on the timeline: `GET /v1/claims/{id}` has whom it is about and its evidence.",
    examples: [
      {
        type: "claim",
        id: "statement-rubio-move-on",
        kind: "statement",
        text: 'Marco Rubio warned that the US would "move on" if progress stalled.',
        speaker: { id: "marco-rubio", name: "Marco Rubio" },
        date: "2025-04",
        datePrecision: "month",
      },
    ],
  });

export const TimelineEntry = z.discriminatedUnion("type", [TimelineEvent, TimelineClaim, TimelinePosition]).meta({
  id: "TimelineEntry",
  description:
    "One dated record on the timeline: an event, a dated claim or a position, told apart by `type`. Entries sort by the end of the period their date names, then events, claims, positions, then by id: a month-precision entry follows the days of its month and a year-precision one the months of its year, since either may have happened as late as that.",
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** The kinds of entry, in the order they sort within one period. */
export const timelineTypes = ["event", "claim", "position"] as const;
export type TimelineType = (typeof timelineTypes)[number];

export const TimelineList = listOf(TimelineEntry, "TimelineList", "A page of the timeline, in date order.");

export const TimelineQuery = z.strictObject({
  actor: recordId
    .optional()
    .describe("Only what this actor took part in, said or is the subject of, and the positions it took."),
  issue: recordId
    .optional()
    .describe("Only positions on this issue, and the events they were taken at and the claims that state them."),
  type: z
    .enum(timelineTypes)
    .optional()
    .describe("Only events, only dated claims, or only positions (all by default)."),
  from: partialDate.optional().describe("Only entries starting on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
  to: partialDate.optional().describe("Only entries starting on or before the end of this date."),
  ...pageQuery,
});
