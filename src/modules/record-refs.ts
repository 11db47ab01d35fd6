// The small shapes records use to point at each other and at their evidence,
// and the mappers that shape them.
import { z } from "zod";
import { slug, textLimits } from "../content/bundle-schema.js";
import { int32 } from "../http/int32.js";

/** Ids are slugs (the import ids are UUIDs, which are slugs too): anything else cannot name a record. */
export const recordId = slug.describe("A record's stable, human-readable id.");

/** How much of a date its source states. */
export const datePrecision = z.enum(["day", "month", "year"]);

export const ActorRef = z
  .object({ id: z.string().max(textLimits.id), name: z.string().max(textLimits.name) })
  .meta({ id: "ActorRef", description: "A summary of an actor.", examples: [{ id: "europe", name: "Europe" }] });

export const SourceRef = z
  .object({ id: z.string().max(textLimits.id), title: z.string().max(textLimits.title) })
  .meta({ id: "SourceRef", description: "A summary of a source.", examples: [{ id: "reuters", title: "Reuters" }] });

export const ClaimRef = z
  .object({
    id: z.string().max(textLimits.id),
    kind: z.string().max(20),
    text: z.string().max(textLimits.summary),
  })
  .meta({
    id: "ClaimRef",
    description: "A summary of a claim.",
    examples: [
      {
        id: "fact-us-military-aid-since-2022",
        kind: "fact",
        text: "The US has provided $66.5 billion in military aid to Ukraine since 2022.",
      },
    ],
  });

export const ImplicationRef = z
  .object({
    id: z.string().max(textLimits.id),
    kind: z.string().max(20),
    title: z.string().max(textLimits.title),
  })
  .meta({
    id: "ImplicationRef",
    description: "A summary of an implication.",
    examples: [{ id: "europe-increased-responsibility", kind: "consequence", title: "Increased responsibility" }],
  });

export const IssueRef = z.object({ id: z.string().max(textLimits.id), title: z.string().max(textLimits.title) }).meta({
  id: "IssueRef",
  description: "A summary of an issue.",
  examples: [{ id: "status-of-crimea", title: "Status of Crimea" }],
});

export const EventRef = z.object({ id: z.string().max(textLimits.id), title: z.string().max(textLimits.title) }).meta({
  id: "EventRef",
  description: "A summary of an event.",
  examples: [{ id: "victory-day-truce-proposal", title: "Russia's proposed three-day Victory Day ceasefire" }],
});

export const Figure = z
  .object({ value: z.number(), unit: z.string().max(textLimits.unit) })
  .meta({ id: "Figure", description: "A number a claim states.", examples: [{ value: 66500000000, unit: "USD" }] });

export const Evidence = z
  .object({
    id: z.string().max(2 * textLimits.id + 20),
    source: SourceRef.describe("The source the passage is quoted from."),
    quote: z
      .string()
      .max(textLimits.passage)
      .describe("The passage, verbatim (a W3C Web Annotation TextQuoteSelector `exact`)."),
    start: int32().describe("Offset of the quote's first character in the source text, in Unicode code points."),
    end: int32().describe("Offset just past the quote's last character (TextPositionSelector `end`)."),
  })
  .meta({
    id: "Evidence",
    description: "A verbatim passage of a source that supports a record.",
    examples: [
      {
        id: "us-withdrawal-from-peace-talks-2025/claim/fact-us-military-aid-since-2022/1",
        source: {
          id: "us-withdrawal-from-peace-talks-2025",
          title: "The implications of the US withdrawal from Russia-Ukraine peace talks in 2025",
        },
        quote: "The U.S. has provided $66.5 billion in military aid since 2022",
        start: 3805,
        end: 3867,
      },
    ],
  });

/** The article, as evidence in the document's examples refers to it. */
const articleRef = {
  id: "us-withdrawal-from-peace-talks-2025",
  title: "The implications of the US withdrawal from Russia-Ukraine peace talks in 2025",
};

/** Example evidence for the OpenAPI document: a real passage of the article and its offsets. */
export const exampleEvidence = (id: string, quote: string, start: number, end: number) => [
  { id, source: articleRef, quote, start, end },
];
export const exampleTimestamps = { createdAt: "2026-11-28T15:00:00.000Z", updatedAt: "2026-11-28T15:00:00.000Z" };

/**
 * The most items a record embeds of each of its lists (evidence, members,
 * participants...). They grow with the sources that speak of the record, so
 * a record shows the first ones and `more` names where to page all of them.
 */
export const embeddedLimit = 100;

/** How many items of each list a page of records embeds: all of them for the export (`complete`). */
export const embeddedOf = (options: { complete?: boolean | undefined }) => (options.complete ? null : embeddedLimit);

/** A record's list of related items, as embedded: the first `embeddedLimit`. */
export const embeddedList = <T extends z.ZodType>(item: T) => z.array(item).max(embeddedLimit);

const pathSegment = (list: string) => list.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The optional `more` member of a record: where to page each list it shows cut. */
export function moreLinks(lists: readonly [string, ...string[]]) {
  const link = z.string().max(2 * textLimits.id + 40);
  return z
    .object(Object.fromEntries(lists.map((list) => [list, link.describe(`Pages all of \`${list}\`.`)])))
    .partial()
    .optional()
    .describe(
      `Present when a list holds more than ${embeddedLimit} items, of which the record shows the first ${embeddedLimit}: for each such list, the path of the endpoint that pages all of them.`,
    );
}

/** The `more` member of a record of `collection` whose lists `row.cut` were cut. */
export function moreOf(collection: string, row: { id: string; cut: string[] }): { more?: Record<string, string> } {
  if (row.cut.length === 0) return {};
  return { more: Object.fromEntries(row.cut.map((list) => [list, relationPath(collection, row.id, list)])) };
}

/** The path of the endpoint paging a record's list. */
export const relationPath = (collection: string, id: string, list: string) =>
  `/v1/${collection}/${id}/${pathSegment(list)}`;

/** The optional `included` member of a record: relations expanded in full on request. */
export function includedRelations<T extends z.ZodRawShape>(relations: T) {
  return z.object(relations).optional().describe("Relations expanded in full on request (`include=`).");
}

export const timestamps = {
  createdAt: z.iso.datetime().max(textLimits.timestamp).describe("When the record was first stored."),
  updatedAt: z.iso.datetime().max(textLimits.timestamp).describe("When the record last changed."),
};

export function toTimestamps(row: { createdAt: Date; updatedAt: Date }) {
  return { createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/**
 * `?include=a,b`: a comma-separated set of names of what to add to a record
 * (relations in full, attestations, a text), each one of `allowed`. The document lists every way to write one (each order of each
 * choice), so generated clients type the parameter as those values alone.
 */
export function includeParam<const T extends readonly [string, ...string[]]>(allowed: T) {
  const names = z.enum(allowed);
  return z
    .string()
    .max(200)
    .meta({ enum: orderings(allowed) })
    .optional()
    .transform((value, ctx) => {
      const requested = value ? value.split(",").map((s) => s.trim()) : [];
      const unknown = requested.filter((name) => !names.safeParse(name).success);
      if (unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `unknown relation(s) ${unknown.join(", ")}; expected any of ${allowed.join(", ")}`,
        });
        return z.NEVER;
      }
      return new Set(requested as T[number][]);
    })
    .describe(
      `What to add, comma-separated: ${allowed.map((name) => `\`${name}\` (${includeMeanings[name] ?? name})`).join(", ")}.`,
    );
}

/** What each `include=` name adds to a record. */
const includeMeanings: Record<string, string> = {
  actors: "the actors it names, in full, under `included`",
  claims: "its claims, in full, under `included`",
  attestations: "what each document states about it, as `attestations`",
  text: "the full text, as `text`",
};

/** Every non-empty sequence of distinct `names`, comma-joined: `a`, `b`, `a,b`, `b,a`. */
function orderings(names: readonly string[]): string[] {
  const from = (rest: readonly string[]): string[][] =>
    rest.flatMap((name) => {
      const others = rest.filter((other) => other !== name);
      return [[name], ...from(others).map((tail) => [name, ...tail])];
    });
  return from(names).map((sequence) => sequence.join(","));
}
