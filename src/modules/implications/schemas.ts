// Implications: the consequences a source draws and the paths forward it sees.
import { z } from "zod";
import { implicationKinds, implicationRoles, outcomes, textLimits } from "../../content/bundle-schema.js";
import { likelihoods } from "../../content/likelihood.js";
import { storableText } from "../../content/storable-text.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { Actor } from "../actors/schemas.js";
import { attestations, provenance, provenanceFilters } from "../assertions/schemas.js";
import { Claim } from "../claims/schemas.js";
import {
  ActorRef,
  ClaimRef,
  datePrecision,
  Evidence,
  embeddedList,
  exampleEvidence,
  exampleTimestamps,
  includedRelations,
  includeParam,
  moreLinks,
  recordId,
  SourceRef,
  timestamps,
} from "../record-refs.js";

export const ImplicationKind = z.enum(implicationKinds).meta({
  id: "ImplicationKind",
  description: "consequence: a consequence the source draws; scenario: a path forward it sees.",
});

export const Likelihood = z.enum(likelihoods).meta({
  id: "Likelihood",
  description:
    "How likely the source says it is: the band of the US Intelligence Community's scale (ICD 203) its `hedge` gives by the README's table (`could`, `may`, `might`: roughly-even-chance; `would`, `likely`, `expect`: likely; `unlikely`: unlikely; ...), or `unstated` when it gives no words of likelihood.",
});

export const implicationStatuses = ["open", ...outcomes] as const;

export const ImplicationStatus = z.enum(implicationStatuses).meta({
  id: "ImplicationStatus",
  description:
    "What became of it: `open` until a later source resolves it; then its latest resolution's outcome, `occurred` or `did-not-occur`.",
});

export type ImplicationStatus = z.infer<typeof ImplicationStatus>;

export const Outcome = z.enum(outcomes).meta({
  id: "Outcome",
  description: "`occurred`: it came about; `did-not-occur`: the resolving source says it did not, or can no longer.",
});

export const ImplicationResolution = z
  .object({
    id: recordId,
    outcome: Outcome,
    date: z
      .string()
      .max(textLimits.date)
      .describe("When it came about, or was shown not to, as precisely as the source says."),
    datePrecision,
    summary: z.string().max(textLimits.summary),
    source: SourceRef.describe("The later source that resolves it."),
  })
  .meta({
    id: "ImplicationResolution",
    description: "A later source's word on an implication: `GET /v1/resolutions/{id}` has its evidence.",
    examples: [
      {
        id: "europe-took-up-the-burden-2026",
        outcome: "occurred",
        date: "2026-03",
        datePrecision: "month",
        summary: "European governments took on most of the military aid Ukraine receives.",
        source: { id: "talks-a-year-on-2026", title: "The peace talks a year on" },
      },
    ],
  });

export const ImplicationActor = z
  .object({
    actor: ActorRef,
    role: z
      .enum(implicationRoles)
      .describe("subject: the actor the implication is filed under; involved: another actor it bears on."),
  })
  .meta({ id: "ImplicationActor", description: "An actor an implication bears on." });

export const Implication = z
  .object({
    id: recordId,
    kind: ImplicationKind,
    title: z.string().max(textLimits.title),
    summary: z.string().max(textLimits.summary),
    hedge: z
      .string()
      .max(textLimits.label)
      .nullable()
      .describe(
        "The source's own words of likelihood, verbatim in its evidence (`could`, `would`, `makes this unlikely`); null when it gives none.",
      ),
    likelihood: Likelihood,
    horizon: z
      .string()
      .max(textLimits.label)
      .nullable()
      .describe("When it may come about, in the source's words; null when it gives none."),
    actors: embeddedList(ImplicationActor),
    claims: embeddedList(ClaimRef).describe("The claims that support the implication."),
    status: ImplicationStatus,
    resolutions: embeddedList(ImplicationResolution).describe(
      "What later sources say became of it, the latest first (by the end of the period each date names): the first decides `status`. Disagreeing sources are all listed.",
    ),
    evidence: embeddedList(Evidence),
    more: moreLinks(["actors", "claims", "resolutions", "evidence"]),
    ...provenance,
    attestations,
    ...timestamps,
    included: includedRelations({ actors: embeddedList(Actor).optional(), claims: embeddedList(Claim).optional() }),
  })
  .meta({
    id: "Implication",
    description: "A consequence or scenario drawn by a source, the actors it bears on, and what supports it.",
    examples: [
      {
        id: "europe-increased-responsibility",
        kind: "consequence",
        title: "Increased responsibility",
        summary:
          'European nations, led by the UK and France, would need to fill the diplomatic and military void; plans for a "coalition of the willing" to provide security guarantees are underway, but Europe\'s capacity to match US aid is limited.',
        hedge: "would",
        likelihood: "likely",
        horizon: null,
        actors: [
          { actor: { id: "europe", name: "Europe" }, role: "subject" },
          { actor: { id: "france", name: "France" }, role: "involved" },
        ],
        claims: [
          {
            id: "assessment-europe-capacity-limited",
            kind: "assessment",
            text: "Europe's capacity to match US aid levels is limited.",
          },
        ],
        status: "open",
        resolutions: [],
        evidence: exampleEvidence(
          "us-withdrawal-from-peace-talks-2025/implication/europe-increased-responsibility/1",
          "Increased Responsibility: European nations, led by the UK and France, would need to fill the diplomatic and military void.",
          5321,
          5443,
        ),
        sourceCount: 1,
        conflicts: [],
        ...exampleTimestamps,
      },
    ],
  });
export type Implication = z.infer<typeof Implication>;

export const ImplicationList = listOf(Implication, "ImplicationList", "A page of implications.");

const implicationIncludes = ["actors", "claims", "attestations"] as const;

export const implicationFilters = {
  role: z
    .enum(implicationRoles)
    .optional()
    .describe(
      "With an actor: `subject` keeps only the implications filed under it (the article's group for that actor).",
    ),
  kind: z.enum(implicationKinds).optional().describe("Only consequences, or only scenarios (the paths forward)."),
  likelihood: z
    .enum(likelihoods)
    .optional()
    .describe("Only the implications their source gives this likelihood (the README's table)."),
  status: z
    .enum(implicationStatuses)
    .optional()
    .describe("Only the open ones, or those whose latest resolution says they occurred, or did not."),
  q: storableText(200).optional().describe("Full-text match on title, summary and quotes."),
  include: includeParam(implicationIncludes),
  ...provenanceFilters,
  ...pageQuery,
};

export const ListImplicationsQuery = z.strictObject({
  actor: recordId.optional().describe("Only implications bearing on this actor."),
  ...implicationFilters,
});

export const GetImplicationQuery = z.strictObject({ include: includeParam(implicationIncludes) });
export const ImplicationParams = z.strictObject({ id: recordId });
