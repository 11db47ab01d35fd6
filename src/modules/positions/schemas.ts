// Positions: who demands, proposes, accepts, conditions or rejects what, on
// which issue, and when; and the matrix of actors by issues they make.
import { z } from "zod";
import { partialDate, stances, textLimits } from "../../content/bundle-schema.js";
import { int32, int32Query } from "../../http/int32.js";
import { listOf, PageInfo, pageQuery } from "../../http/pagination.js";
import { attestations, provenance, provenanceFilters } from "../assertions/schemas.js";
import {
  ActorRef,
  ClaimRef,
  datePrecision,
  EventRef,
  Evidence,
  embeddedList,
  exampleEvidence,
  exampleTimestamps,
  IssueRef,
  includeParam,
  moreLinks,
  recordId,
  timestamps,
} from "../record-refs.js";

export const Stance = z.enum(stances).meta({
  id: "Stance",
  description:
    "What the actor does about the issue: `demands` it, `proposes` it, `accepts` it, `conditions` it (agrees, or will talk, only on a condition the source states) or `rejects` it.",
});

const positionFields = {
  id: recordId,
  stance: Stance,
  summary: z.string().max(textLimits.summary).describe("What the actor wants, offers or refuses, in a sentence."),
  date: z
    .string()
    .max(textLimits.date)
    .describe("When the source places it, as precisely as it says: `2022`, `2025-04` or `2025-05-08`."),
  datePrecision,
  event: EventRef.nullable().describe("The event it was taken at, where the source names one."),
  claim: ClaimRef.nullable().describe("The claim that states it, where there is one."),
  evidence: embeddedList(Evidence),
};

const examplePosition = {
  id: "ukraine-accepts-30-day-ceasefire-2025",
  stance: "conditions",
  summary: "Ukraine has agreed to a 30-day ceasefire if Russia reciprocates.",
  date: "2025-04",
  datePrecision: "month",
  event: null,
  claim: {
    id: "position-ukraine-30-day-ceasefire",
    kind: "position",
    text: "Ukraine has agreed to a 30-day ceasefire if Russia reciprocates.",
  },
  evidence: exampleEvidence(
    "us-withdrawal-from-peace-talks-2025/position/ukraine-accepts-30-day-ceasefire-2025/1",
    "Ukraine has agreed to a 30-day ceasefire if Russia reciprocates",
    7389,
    7452,
  ),
} as const;

export const Position = z
  .object({
    ...positionFields,
    actor: ActorRef.describe("Whose position it is."),
    issue: IssueRef.describe("The issue it is on."),
    more: moreLinks(["evidence"]),
    ...provenance,
    attestations,
    ...timestamps,
  })
  .meta({
    id: "Position",
    description:
      "An actor's stance on an issue, dated as its source dates it, with the claim and passages that state it.",
    examples: [
      {
        ...examplePosition,
        actor: { id: "ukraine", name: "Ukraine" },
        issue: { id: "ceasefire-terms", title: "Ceasefire terms" },
        sourceCount: 1,
        conflicts: [],
        ...exampleTimestamps,
      },
    ],
  });
export type Position = z.infer<typeof Position>;

export const PositionList = listOf(Position, "PositionList", "A page of positions, in date order.");

const positionIncludes = ["attestations"] as const;

export const ListPositionsQuery = z.strictObject({
  actor: recordId.optional().describe("Only this actor's positions."),
  issue: recordId.optional().describe("Only the positions on this issue."),
  stance: z.enum(stances).optional().describe("Only positions of this stance."),
  from: partialDate.optional().describe("Only positions dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
  to: partialDate.optional().describe("Only positions dated on or before the end of this date."),
  include: includeParam(positionIncludes),
  ...provenanceFilters,
  ...pageQuery,
});

export const GetPositionQuery = z.strictObject({ include: includeParam(positionIncludes) });
export const PositionParams = z.strictObject({ id: recordId });

/**
 * The most actors one matrix compares, issues one page of it holds, and
 * positions one cell's history shows: a page is at most 20 × 25 × 10 positions.
 */
export const matrixLimits = { actors: 20, issues: 25, history: 10 } as const;

const actorList = z
  .string()
  .max(matrixLimits.actors * (textLimits.id + 1))
  .transform((value, ctx) => {
    const ids = [...new Set(value.split(",").map((id) => id.trim()))];
    const bad = ids.filter((id) => !recordId.safeParse(id).success);
    if (ids.length > matrixLimits.actors)
      ctx.addIssue({
        code: "custom",
        message: `names ${ids.length} actors; a matrix compares at most ${matrixLimits.actors}`,
      });
    else if (bad.length > 0)
      ctx.addIssue({ code: "custom", message: `holds ids that are not slugs: ${bad.slice(0, 3).join(", ")}` });
    else return ids;
    return z.NEVER;
  })
  .meta({ examples: ["ukraine,russia,united-states"] });

export const PositionMatrixQuery = z.strictObject({
  actors: actorList.describe(
    `The actors to compare, comma-separated actor ids, in the order of the matrix's columns (at most ${matrixLimits.actors}).`,
  ),
  limit: int32Query(1, matrixLimits.issues)
    .default(10)
    .describe(`How many issues per page (1-${matrixLimits.issues}).`),
  cursor: pageQuery.cursor,
});

export const PositionHistoryItem = z.object(positionFields).meta({
  id: "PositionHistoryItem",
  description: "One of an actor's positions on an issue: a step of a cell's history.",
});

export const MatrixCell = z
  .object({
    stance: Stance.describe("The actor's latest stance on the issue: that of the first position of `history`."),
    positionCount: int32().describe("How many positions the actor has taken on the issue."),
    history: z
      .array(PositionHistoryItem)
      .max(matrixLimits.history)
      .describe(
        `The actor's positions on the issue, latest first, by the end of the period each date names (as the timeline orders them); the latest ${matrixLimits.history}.`,
      ),
  })
  .meta({ id: "MatrixCell", description: "An actor's stance on an issue, with its history and evidence." });

export const PositionMatrix = z
  .object({
    actors: z.array(ActorRef).max(matrixLimits.actors).describe("The matrix's columns, in the order asked for."),
    rows: z
      .array(
        z.object({
          issue: IssueRef,
          cells: z
            .array(MatrixCell.nullable())
            .max(matrixLimits.actors)
            .describe("One per actor, in the columns' order; null where the actor has taken no position on the issue."),
        }),
      )
      .max(matrixLimits.issues)
      .describe("The issues any of the actors has taken a position on, by issue id: one page of them."),
    page: PageInfo,
  })
  .meta({
    id: "PositionMatrix",
    description: "Actors by issues: each cell the actor's latest stance on the issue, with its history and evidence.",
    examples: [
      {
        actors: [
          { id: "ukraine", name: "Ukraine" },
          { id: "russia", name: "Russia" },
        ],
        rows: [
          {
            issue: { id: "sanctions-relief", title: "Sanctions relief for Russia" },
            cells: [
              null,
              {
                stance: "conditions",
                positionCount: 1,
                history: [
                  {
                    id: "russia-conditions-talks-on-sanctions-relief-2025",
                    stance: "conditions",
                    summary: "Russia has linked peace talks to sanctions relief.",
                    date: "2025-04",
                    datePrecision: "month",
                    event: null,
                    claim: {
                      id: "position-russia-links-talks-to-sanctions-relief",
                      kind: "position",
                      text: "Russia has linked peace talks to sanctions relief, a decision requiring European consensus.",
                    },
                    evidence: exampleEvidence(
                      "us-withdrawal-from-peace-talks-2025/position/russia-conditions-talks-on-sanctions-relief-2025/1",
                      "Russia has linked peace talks to sanctions relief, a decision requiring European consensus.",
                      4850,
                      4941,
                    ),
                  },
                ],
              },
            ],
          },
        ],
        page: { limit: 10, nextCursor: null },
      },
    ],
  });
export type PositionMatrix = z.infer<typeof PositionMatrix>;
