// A source's scorecard: the implications it drew out that later sources have
// resolved, the probability its own words gave each, and its Brier score.
import { z } from "zod";
import { textLimits } from "../../content/bundle-schema.js";
import { int32 } from "../../http/int32.js";
import { PageInfo, pageQuery } from "../../http/pagination.js";
import { Likelihood, Outcome } from "../implications/schemas.js";
import { datePrecision, ImplicationRef, recordId, SourceRef } from "../record-refs.js";

export const ScoredImplication = z
  .object({
    implication: ImplicationRef,
    hedge: z
      .string()
      .max(textLimits.label)
      .nullable()
      .describe("This source's own words of likelihood for it (another source drawing it out may use others)."),
    likelihood: Likelihood.describe("The band this source's hedge gives, by the README's table."),
    probability: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe("The middle of the band's range (README); null when the source states no likelihood."),
    outcome: Outcome.describe("Its latest resolution's outcome."),
    resolution: z
      .object({
        id: recordId,
        date: z.string().max(textLimits.date),
        datePrecision,
        source: SourceRef.describe("The later source that resolves it."),
      })
      .describe("The latest resolution, which decides the outcome."),
    squaredError: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe("(probability - outcome)², the outcome 1 if it occurred and 0 if not; null when unscored."),
  })
  .meta({ id: "ScoredImplication", description: "One of the source's implications, resolved, and how it scores." });

export const Scorecard = z
  .object({
    source: SourceRef,
    counts: z
      .object({
        stated: int32().describe("The implications the source draws out."),
        open: int32().describe("Of those, the ones no later source has resolved."),
        resolved: int32().describe("The ones a later source has resolved."),
        scored: int32().describe("Resolved ones the source gave a likelihood: what the score averages."),
      })
      .describe("How many of the source's implications are in each state."),
    brierScore: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe(
        "The mean squared error over the scored implications: 0 is perfect, 0.25 is what saying `roughly-even-chance` of everything scores, 1 is always certain and always wrong. Null until one is scored.",
      ),
    data: z.array(ScoredImplication).max(100).describe("A page of the resolved implications, by implication id."),
    page: PageInfo,
  })
  .meta({
    id: "Scorecard",
    description:
      "How a source's forecasts fared: each implication it drew out that a later source resolved, with the probability its own hedge gives (the middle of the ICD 203 band) and the squared error against the outcome, and their mean, the Brier score.",
    examples: [
      {
        source: {
          id: "us-withdrawal-from-peace-talks-2025",
          title: "The implications of the US withdrawal from Russia-Ukraine peace talks in 2025",
        },
        counts: { stated: 16, open: 12, resolved: 4, scored: 3 },
        brierScore: 0.15375,
        data: [
          {
            implication: {
              id: "europe-increased-responsibility",
              kind: "consequence",
              title: "Increased responsibility",
            },
            hedge: "would",
            likelihood: "likely",
            probability: 0.675,
            outcome: "occurred",
            resolution: {
              id: "europe-took-up-the-burden-2026",
              date: "2026-03",
              datePrecision: "month",
              source: { id: "talks-a-year-on-2026", title: "The peace talks a year on" },
            },
            squaredError: 0.105625,
          },
        ],
        page: { limit: 20, nextCursor: null },
      },
    ],
  });
export type Scorecard = z.infer<typeof Scorecard>;

export const ScorecardParams = z.strictObject({ id: recordId });
export const ScorecardQuery = z.strictObject(pageQuery);
