// Full-text search across every kind of record.
import { z } from "zod";
import { textLimits } from "../../content/bundle-schema.js";
import { storableText } from "../../content/storable-text.js";
import { int32 } from "../../http/int32.js";
import { maxPageSize, PageInfo, pageQuery } from "../../http/pagination.js";
import { recordId } from "../record-refs.js";
import { maxSnippetLength } from "./full-text-query.js";

export const recordTypes = ["actor", "event", "claim", "implication", "source"] as const;
export const RecordType = z
  .enum(recordTypes)
  .meta({ id: "RecordType", description: "The kind of record a search hit is." });

export const SearchHit = z
  .object({
    type: RecordType,
    id: z.string().max(textLimits.id),
    title: z.string().max(textLimits.summary).describe("The record's name, title or text."),
    snippet: z
      .string()
      .max(maxSnippetLength)
      .describe(
        "An HTML-escaped excerpt of the record with the matched words wrapped in `<mark>`; safe to insert as HTML.",
      ),
    complete: z
      .boolean()
      .describe("Whether the record matches every word of the query; those that match most of them follow."),
    score: z
      .number()
      .describe(
        "Relevance: higher is better. Comparable within one result list only. Its order is, in turn: how many of the query's words the record matches, fewer typos, fewer words matched only through an actor the record is about or by, then the text's BM25 score.",
      ),
  })
  .meta({
    id: "SearchHit",
    description: "One record matching a search, ranked.",
    examples: [
      {
        type: "claim",
        id: "statement-zelenskyy-ceasefire-without-guarantees-dangerous",
        title: 'Zelenskyy has emphasised that a ceasefire without guarantees is "dangerous".',
        snippet: "Zelenskyy has emphasized that a <mark>ceasefire</mark> without guarantees is “dangerous,”",
        complete: true,
        score: 100000.72,
      },
    ],
  });
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchMatches = z
  .object({
    ranked: int32().describe(
      "How many records match; at least this many when `limited`. Every match is in the ranking, whose top the pages are.",
    ),
    complete: int32().describe(
      "How many of them match every word of the query (at least this many when `limited`); the rest match most of them, and follow.",
    ),
    limited: z
      .boolean()
      .describe(
        "Whether the counts are lower bounds: past 2,000 index rows, search reads only the top of the ranking, which is exact, and counts what it knows for certain. Facets always count every match.",
      ),
  })
  .meta({
    id: "SearchMatches",
    description: "How many records match.",
    examples: [{ ranked: 14, complete: 6, limited: false }],
  });

export const facetNames = ["type", "kind", "actor"] as const;
export type FacetName = (typeof facetNames)[number];

const FacetCount = z.object({ value: z.string().max(textLimits.id), count: int32() });
export const SearchFacets = z
  .object({
    type: z.array(FacetCount).max(recordTypes.length).optional().describe("Matches by record type."),
    kind: z
      .array(FacetCount.extend({ type: RecordType }))
      .max(64)
      .optional()
      .describe("Matches by the kind of record (a claim's, an implication's, an actor's or a source's kind)."),
    actor: z
      .array(z.object({ id: z.string().max(textLimits.id), name: z.string().max(textLimits.name), count: int32() }))
      .max(10)
      .optional()
      .describe("The ten actors the most matches are about or by (an actor counts itself)."),
  })
  .meta({
    id: "SearchFacets",
    description: "Counts over every match, as asked for by `facets`.",
    examples: [
      {
        type: [
          { value: "claim", count: 11 },
          { value: "implication", count: 3 },
        ],
        kind: [
          { type: "claim", value: "position", count: 7 },
          { type: "implication", value: "scenario", count: 2 },
        ],
        actor: [
          { id: "russia", name: "Russia", count: 9 },
          { id: "ukraine", name: "Ukraine", count: 8 },
        ],
      },
    ],
  });

export const SearchResults = z
  .object({
    data: z.array(SearchHit).max(maxPageSize),
    page: PageInfo,
    matches: SearchMatches,
    facets: SearchFacets.optional(),
  })
  .meta({ id: "SearchResults", description: "A page of search hits, best first." });

export const SearchQuery = z.strictObject({
  q: storableText(200).describe(
    'What to look for, as typed: every word wanted (the last also as the start of a longer word), names in any common spelling, a typo forgiven in words of 5 letters or more (two from 9); `"an exact phrase"`, `-word` or `-"phrase"` to exclude, `a OR b` for either. Records matching most of the words follow those matching all of them.',
  ),
  type: z.enum(recordTypes).optional().describe("Only hits of this type."),
  actor: recordId.optional().describe("Only the actor itself and the records about or by it."),
  facets: z
    .string()
    .max(32)
    .regex(/^(?:type|kind|actor)(?:,(?:type|kind|actor))*$/u, "a comma-separated list of type, kind and actor")
    .optional()
    .describe("Counts over every match to return: any of `type`, `kind` and `actor`, comma-separated."),
  ...pageQuery,
});
