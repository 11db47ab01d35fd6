// Resolutions: a later source's word on an implication, that it occurred or
// did not, and when.
import { z } from "zod";
import { outcomes, partialDate, textLimits } from "../../content/bundle-schema.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { attestations, provenance, provenanceFilters } from "../assertions/schemas.js";
import { Outcome } from "../implications/schemas.js";
import {
  datePrecision,
  Evidence,
  embeddedList,
  exampleTimestamps,
  ImplicationRef,
  includeParam,
  moreLinks,
  recordId,
  timestamps,
} from "../record-refs.js";

export const Resolution = z
  .object({
    id: recordId,
    implication: ImplicationRef.describe("The implication it resolves, which an earlier source drew out."),
    outcome: Outcome,
    date: z
      .string()
      .max(textLimits.date)
      .describe("When it came about, or was shown not to, as precisely as the source says: `2026`, `2026-03`."),
    datePrecision,
    summary: z.string().max(textLimits.summary).describe("What became of the implication, in a sentence."),
    evidence: embeddedList(Evidence),
    more: moreLinks(["evidence"]),
    ...provenance,
    attestations,
    ...timestamps,
  })
  .meta({
    id: "Resolution",
    description:
      "A later source's word on an implication: that it occurred or did not, when, and the passages that say so. An implication's `status` is its latest resolution's outcome.",
    examples: [
      {
        id: "europe-took-up-the-burden-2026",
        implication: { id: "europe-increased-responsibility", kind: "consequence", title: "Increased responsibility" },
        outcome: "occurred",
        date: "2026-03",
        datePrecision: "month",
        summary: "European governments took on most of the military aid Ukraine receives.",
        evidence: [
          {
            id: "talks-a-year-on-2026/resolution/europe-took-up-the-burden-2026/1",
            source: { id: "talks-a-year-on-2026", title: "The peace talks a year on" },
            quote: "By March 2026 European governments were paying for most of the weapons Ukraine received.",
            start: 0,
            end: 88,
          },
        ],
        sourceCount: 1,
        conflicts: [],
        ...exampleTimestamps,
      },
    ],
  });
export type Resolution = z.infer<typeof Resolution>;

export const ResolutionList = listOf(Resolution, "ResolutionList", "A page of resolutions, in date order.");

const resolutionIncludes = ["attestations"] as const;

export const ListResolutionsQuery = z.strictObject({
  implication: recordId.optional().describe("Only the resolutions of this implication."),
  actor: recordId.optional().describe("Only the resolutions of implications bearing on this actor."),
  outcome: z.enum(outcomes).optional().describe("Only those saying it occurred, or did not."),
  from: partialDate.optional().describe("Only resolutions dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
  to: partialDate.optional().describe("Only resolutions dated on or before the end of this date."),
  include: includeParam(resolutionIncludes),
  ...provenanceFilters,
  ...pageQuery,
});

export const GetResolutionQuery = z.strictObject({ include: includeParam(resolutionIncludes) });
export const ResolutionParams = z.strictObject({ id: recordId });
