// Sources: the analyses the knowledge base is drawn from, and the outlets they cite.
import { z } from "zod";
import { sourceKinds, textLimits } from "../../content/bundle-schema.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { attestations, provenance, provenanceFilters } from "../assertions/schemas.js";
import {
  Evidence,
  embeddedList,
  exampleEvidence,
  exampleTimestamps,
  includeParam,
  moreLinks,
  recordId,
  SourceRef,
  timestamps,
} from "../record-refs.js";

export const SourceKind = z.enum(sourceKinds).meta({
  id: "SourceKind",
  description:
    "analysis: an analysed document whose text is stored; news: a news outlet; government: a government body.",
});

export const Source = z
  .object({
    id: recordId,
    kind: SourceKind,
    title: z.string().max(textLimits.title),
    publisher: z.string().max(textLimits.name).nullable(),
    url: z.string().max(textLimits.url).nullable(),
    description: z.string().max(textLimits.description).nullable(),
    hasText: z
      .boolean()
      .describe("Whether the full text is stored (quotes are checked against it); get it with `include=text`."),
    text: z
      .string()
      .max(textLimits.documentText)
      .optional()
      .describe("The full text, with `include=text`. Evidence offsets index into it."),
    cites: embeddedList(SourceRef).describe("Sources this one cites."),
    citedBy: embeddedList(SourceRef).describe("Sources that cite this one."),
    evidence: embeddedList(Evidence).describe("Passages of citing sources that name this one."),
    more: moreLinks(["cites", "citedBy", "evidence"]),
    ...provenance,
    attestations,
    ...timestamps,
  })
  .meta({
    id: "Source",
    description: "Where knowledge comes from.",
    examples: [
      {
        id: "reuters",
        kind: "news",
        title: "Reuters",
        publisher: "Reuters",
        url: "https://www.reuters.com",
        description:
          "International news agency, listed among the article's sources and recommended for monitoring developments.",
        hasText: false,
        cites: [],
        citedBy: [
          {
            id: "us-withdrawal-from-peace-talks-2025",
            title: "The implications of the US withdrawal from Russia-Ukraine peace talks in 2025",
          },
        ],
        evidence: exampleEvidence(
          "us-withdrawal-from-peace-talks-2025/source/reuters/1",
          "Sources: Reuters, The Guardian, NPR, Financial Times, Newsweek",
          8758,
          8820,
        ),
        sourceCount: 1,
        conflicts: [],
        ...exampleTimestamps,
      },
    ],
  });
export type Source = z.infer<typeof Source>;

export const SourceList = listOf(Source, "SourceList", "A page of sources.");

export const ListSourcesQuery = z.strictObject({
  kind: z.enum(sourceKinds).optional().describe("Only sources of this kind."),
  ...provenanceFilters,
  include: includeParam(["text", "attestations"]),
  ...pageQuery,
});

export const GetSourceQuery = z.strictObject({ include: includeParam(["text", "attestations"]) });
export const SourceParams = z.strictObject({ id: recordId });
