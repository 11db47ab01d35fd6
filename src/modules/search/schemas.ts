// Full-text search across every kind of record.
import { z } from "zod";
import { textLimits } from "../../content/bundle-schema.js";
import { storableText } from "../../content/storable-text.js";
import { int32 } from "../../http/int32.js";
import { maxPageSize, PageInfo, pageQuery } from "../../http/pagination.js";
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
    score: z.number().describe("Relevance: higher is better. Comparable within one result list only."),
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
        score: 2.31,
      },
    ],
  });
export type SearchHit = z.infer<typeof SearchHit>;

/** How many matching records search ranks at most, unless configured (SEARCH_MAX_RANKED). */
export const defaultMaxRanked = 200;

export const SearchMatches = z
  .object({
    ranked: int32().describe("How many matching records were ranked: every match, unless `limited`."),
    limited: z
      .boolean()
      .describe(
        "True when more records matched than search ranks (200 by default): the most recently indexed were ranked, and the pages end with them. Add words to narrow the search.",
      ),
  })
  .meta({
    id: "SearchMatches",
    description: "What the ranking covered.",
    examples: [{ ranked: 14, limited: false }],
  });

export const SearchResults = z
  .object({ data: z.array(SearchHit).max(maxPageSize), page: PageInfo, matches: SearchMatches })
  .meta({ id: "SearchResults", description: "A page of search hits, best first." });

export const SearchQuery = z.strictObject({
  q: storableText(200).describe("Words to look for; every word must match, the last as a prefix."),
  type: z.enum(recordTypes).optional().describe("Only hits of this type."),
  ...pageQuery,
});
