// Issues: the questions the parties negotiate, each with every position taken on it.
import { z } from "zod";
import { textLimits } from "../../content/bundle-schema.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { attestations, provenance, provenanceFilters } from "../assertions/schemas.js";
import { Stance } from "../positions/schemas.js";
import {
  ActorRef,
  datePrecision,
  Evidence,
  embeddedList,
  exampleEvidence,
  exampleTimestamps,
  includeParam,
  moreLinks,
  recordId,
  timestamps,
} from "../record-refs.js";

export const IssuePosition = z
  .object({
    id: recordId,
    actor: ActorRef,
    stance: Stance,
    summary: z.string().max(textLimits.summary),
    date: z.string().max(textLimits.date).describe("As precisely as the source dates it."),
    datePrecision,
  })
  .meta({
    id: "IssuePosition",
    description: "A position taken on an issue (GET /v1/positions/{id} has its evidence).",
  });

export const Issue = z
  .object({
    id: recordId,
    title: z.string().max(textLimits.title),
    description: z.string().max(textLimits.description),
    positions: embeddedList(IssuePosition).describe("The positions taken on it, in date order (the timeline's)."),
    evidence: embeddedList(Evidence),
    more: moreLinks(["positions", "evidence"]),
    ...provenance,
    attestations,
    ...timestamps,
  })
  .meta({
    id: "Issue",
    description: "A question the parties negotiate, with every position taken on it.",
    examples: [
      {
        id: "sanctions-relief",
        title: "Sanctions relief for Russia",
        description: "Whether sanctions on Russia are lifted as part of a settlement.",
        positions: [
          {
            id: "russia-conditions-talks-on-sanctions-relief-2025",
            actor: { id: "russia", name: "Russia" },
            stance: "conditions",
            summary: "Russia has linked peace talks to sanctions relief.",
            date: "2025-04",
            datePrecision: "month",
          },
        ],
        evidence: exampleEvidence(
          "us-withdrawal-from-peace-talks-2025/issue/sanctions-relief/1",
          "Russia has linked peace talks to sanctions relief",
          4850,
          4899,
        ),
        sourceCount: 1,
        conflicts: [],
        ...exampleTimestamps,
      },
    ],
  });
export type Issue = z.infer<typeof Issue>;

export const IssueList = listOf(Issue, "IssueList", "A page of issues, by id.");

const issueIncludes = ["attestations"] as const;

export const ListIssuesQuery = z.strictObject({
  actor: recordId.optional().describe("Only the issues this actor has taken a position on."),
  include: includeParam(issueIncludes),
  ...provenanceFilters,
  ...pageQuery,
});
export const GetIssueQuery = z.strictObject({ include: includeParam(issueIncludes) });
export const IssueParams = z.strictObject({ id: recordId });
