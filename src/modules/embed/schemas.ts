import { z } from "zod";
import { textLimits } from "../../content/bundle-schema.js";
import { int32, int32Query } from "../../http/int32.js";
import { PositionMatrixQuery } from "../positions/schemas.js";
import { embeddedList, recordId } from "../record-refs.js";
import { TimelineQuery } from "../timeline/schemas.js";
import { themes } from "./card.js";
import { cardKinds } from "./card-content.js";

export const CardParams = z.strictObject({
  kind: z.enum(cardKinds).describe("The kind of record."),
  id: recordId,
});

export const CardQuery = z.strictObject({
  theme: z.enum(themes).default("auto").describe("`light`, `dark`, or `auto` (the reader's preference)."),
});

export const TimelineCardQuery = z.strictObject({
  actor: TimelineQuery.shape.actor,
  issue: TimelineQuery.shape.issue,
  theme: CardQuery.shape.theme,
});

export const MatrixCardQuery = z.strictObject({
  actors: PositionMatrixQuery.shape.actors,
  theme: CardQuery.shape.theme,
});

export const CardContent = z
  .object({
    kind: z.enum(cardKinds),
    id: z.string().max(textLimits.id),
    title: z.string().max(textLimits.summary),
    label: z
      .string()
      .max(2 * textLimits.label)
      .describe("What the record is, e.g. `Consequence` or `Person · President`."),
    summary: z.string().max(textLimits.summary),
    actors: embeddedList(
      z.object({
        id: z.string().max(textLimits.id),
        name: z.string().max(textLimits.name),
        role: z.string().max(textLimits.label).optional(),
      }),
    ),
    sources: z
      .string()
      .max(100)
      .describe("How many documents state the record, as the card says it: `Stated by 2 sources`."),
    disagreements: z
      .array(z.string().max(2_000))
      .max(10)
      .describe("Where those documents disagree, one line per field, each value with the documents giving it."),
    quotes: embeddedList(
      z.object({
        quote: z.string().max(textLimits.passage),
        source: z.object({ id: z.string().max(textLimits.id), title: z.string().max(textLimits.title) }),
      }),
    ),
  })
  .meta({
    id: "CardContent",
    description: "What a card shows: the content the web component renders.",
    examples: [
      {
        kind: "implications",
        id: "europe-increased-responsibility",
        title: "Increased responsibility",
        label: "Consequence",
        summary: "European nations, led by the UK and France, would need to fill the diplomatic and military void.",
        actors: [{ id: "europe", name: "Europe", role: "subject" }],
        sources: "Stated by 1 source",
        disagreements: [],
        quotes: [
          {
            quote:
              "Increased Responsibility: European nations, led by the UK and France, would need to fill the diplomatic and military void.",
            source: {
              id: "us-withdrawal-from-peace-talks-2025",
              title: "The implications of the US withdrawal from Russia-Ukraine peace talks in 2025",
            },
          },
        ],
      },
    ],
  });

export const OEmbedQuery = z.strictObject({
  url: z
    .string()
    .min(1)
    .max(2_000)
    .describe("The public URL of a record: `…/v1/{kind}/{id}` or `…/embed/{kind}/{id}`."),
  format: z.enum(["json", "xml"]).default("json").describe("The response format: oEmbed's JSON or XML."),
  maxwidth: int32Query(100, 4_000).optional().describe("The most width the consumer allows."),
  maxheight: int32Query(100, 4_000).optional().describe("The most height the consumer allows."),
});

export const OEmbed = z
  .object({
    type: z.literal("rich"),
    version: z.literal("1.0"),
    title: z.string().max(textLimits.summary),
    provider_name: z.string().max(textLimits.name),
    provider_url: z.string().max(textLimits.url),
    cache_age: int32(),
    html: z
      .string()
      .max(6 * textLimits.summary + 2 * textLimits.url)
      .describe("An <iframe> of the record's card."),
    width: int32(),
    height: int32(),
  })
  .meta({
    id: "OEmbed",
    description: "An oEmbed 1.0 `rich` response for a record's card.",
    examples: [
      {
        type: "rich",
        version: "1.0",
        title: "Increased responsibility",
        provider_name: "Geopolitical Knowledge Base",
        provider_url: "https://kb.example",
        cache_age: 3600,
        html: '<iframe src="https://kb.example/embed/implications/europe-increased-responsibility" width="520" height="560" title="Increased responsibility" style="border:0" loading="lazy"></iframe>',
        width: 520,
        height: 560,
      },
    ],
  });
