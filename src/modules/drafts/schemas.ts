// Drafts: an article's text in, a content bundle for review out.
import { z } from "zod";
import { slug, sourceKinds, textLimits } from "../../content/bundle-schema.js";
import { storableText } from "../../content/storable-text.js";

/**
 * The longest text drafted: some 15,000 words, longer than most articles.
 * Drafting reads it in steps that give other requests a turn; at this length
 * it takes about a second and a half, its longest step under a tenth of one.
 */
const maxDraftTextLength = 100_000;

export const DraftRequest = z
  .strictObject({
    text: storableText(maxDraftTextLength).describe(
      "The article as plain text: headings, paragraphs and `- ` list items on lines of their own.",
    ),
    id: slug.optional().describe("The document's id; by default a slug of its title."),
    title: storableText(textLimits.title).optional().describe("The document's title; by default its first line."),
    kind: z.enum(sourceKinds).optional().describe("What kind of document it is; `analysis` by default."),
    publisher: storableText(textLimits.name).optional().describe("Who published it."),
    url: z.url().max(textLimits.url).optional().describe("Where it is published."),
    published: z.iso
      .date()
      .max(textLimits.date)
      .optional()
      .describe(
        'When it was published (YYYY-MM-DD): the date "April" or "on Tuesday" are read against. Today, when not given.',
      ),
  })
  .meta({
    id: "DraftRequest",
    description: "An article to draft a content bundle from.",
    examples: [
      {
        text: "Talks resume in Istanbul\nDelegations from Ukraine and Russia met in Istanbul on Tuesday. Oleh Marchenko, a spokesman for President Zelensky, said the talks would show whether Moscow wanted trade.",
        title: "Talks resume in Istanbul",
        kind: "news",
        published: "2026-03-12",
      },
    ],
  });
export type DraftRequest = z.infer<typeof DraftRequest>;
