// Claims: facts, statements, positions, assessments and reasons stated in a source.
import { z } from "zod";
import { claimKinds, textLimits } from "../../content/bundle-schema.js";
import { storableText } from "../../content/storable-text.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { Actor } from "../actors/schemas.js";
import { attestations, provenance, provenanceFilters } from "../assertions/schemas.js";
import {
  ActorRef,
  datePrecision,
  Evidence,
  embeddedLimit,
  embeddedList,
  exampleEvidence,
  exampleTimestamps,
  Figure,
  ImplicationRef,
  includedRelations,
  includeParam,
  moreLinks,
  recordId,
  timestamps,
} from "../record-refs.js";

export const ClaimKind = z.enum(claimKinds).meta({
  id: "ClaimKind",
  description:
    "fact: a checkable statement; statement: something an actor said; position: what an actor demands or rejects; assessment: the source's own analysis; reason: a reason given for the US decision.",
});

export const Claim = z
  .object({
    id: recordId,
    kind: ClaimKind,
    text: z
      .string()
      .max(textLimits.summary)
      .describe("The claim, in the knowledge base's words; `evidence` holds the source's own."),
    speaker: ActorRef.nullable().describe("Who said it (statements) or holds it (positions)."),
    about: embeddedList(ActorRef).describe("The actors the claim is about."),
    figure: Figure.nullable(),
    date: z
      .string()
      .max(textLimits.date)
      .nullable()
      .describe(
        "When what it states was said or happened, as precisely as the source dates it (`2025-02`); null when the source does not date it. A dated claim is on the timeline.",
      ),
    datePrecision: datePrecision.nullable(),
    implications: embeddedList(ImplicationRef).describe("Implications this claim supports."),
    evidence: embeddedList(Evidence),
    more: moreLinks(["about", "implications", "evidence"]),
    ...provenance,
    attestations,
    ...timestamps,
    included: includedRelations({
      // The speaker and the actors the claim is about.
      actors: z
        .array(Actor)
        .max(embeddedLimit + 1)
        .optional(),
    }),
  })
  .meta({
    id: "Claim",
    description: "A statement made in a source, with who made it, whom it is about, and its evidence.",
    examples: [
      {
        id: "statement-zelenskyy-ceasefire-without-guarantees-dangerous",
        kind: "statement",
        text: 'Zelenskyy has emphasised that a ceasefire without guarantees is "dangerous".',
        speaker: { id: "volodymyr-zelenskyy", name: "Volodymyr Zelenskyy" },
        about: [{ id: "ukraine", name: "Ukraine" }],
        figure: null,
        date: null,
        datePrecision: null,
        implications: [
          { id: "ukraine-increased-vulnerability", kind: "consequence", title: "Increased vulnerability" },
        ],
        evidence: exampleEvidence(
          "us-withdrawal-from-peace-talks-2025/claim/statement-zelenskyy-ceasefire-without-guarantees-dangerous/1",
          "Zelenskyy has emphasized that a ceasefire without guarantees is “dangerous,”",
          4386,
          4462,
        ),
        sourceCount: 1,
        conflicts: [],
        ...exampleTimestamps,
      },
    ],
  });
export type Claim = z.infer<typeof Claim>;

export const ClaimList = listOf(Claim, "ClaimList", "A page of claims.");

export const claimFilters = {
  kind: z
    .enum(claimKinds)
    .optional()
    .describe("Only claims of this kind (`reason` lists the four reasons for the US decision)."),
  source: recordId.optional().describe("Only claims with evidence quoted from this source."),
  q: storableText(200).optional().describe("Full-text match on the claim and its quotes."),
  include: includeParam(["actors", "attestations"]),
  ...provenanceFilters,
  ...pageQuery,
};

export const ListClaimsQuery = z.strictObject({
  speaker: recordId.optional().describe("Only claims made or held by this actor."),
  about: recordId.optional().describe("Only claims about this actor."),
  ...claimFilters,
});

export const GetClaimQuery = z.strictObject({ include: includeParam(["actors", "attestations"]) });
export const ClaimParams = z.strictObject({ id: recordId });
