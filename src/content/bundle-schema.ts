// The content-bundle format: one source document plus everything drawn from it.
// The seed directory and (later) imports are both read into this shape.
import { z } from "zod";
import { storableText } from "./storable-text.js";

/** The longest each kind of text may be: a bundle's limits, and so the longest any response holds. */
export const textLimits = {
  id: 120,
  name: 200,
  title: 500,
  summary: 5_000,
  description: 2_000,
  passage: 5_000,
  documentText: 2_000_000,
  url: 2_000,
  label: 200,
  unit: 50,
  /** A partial date, `2025-05-08` at its longest. */
  date: 10,
  /** An ISO 8601 timestamp as the API writes it. */
  timestamp: 30,
} as const;

export const slug = z
  .string()
  .max(textLimits.id)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug such as `marco-rubio`");

/**
 * How many items each list of a bundle may hold. Zod checks a list's length
 * before its items, so an oversized list costs one problem, not one per item.
 */
export const bundleLimits = {
  /** Records of one type (a bundle holds at most 5,000 records in all: imports/schemas.ts). */
  records: 5_000,
  citedSources: 1_000,
  evidence: 20,
  aliases: 50,
  participants: 200,
  about: 100,
  implicationActors: 100,
  implicationClaims: 200,
} as const;

/** Verbatim passages of the bundle's document; the loader finds their offsets. */
const evidence = z
  .array(storableText(textLimits.passage))
  .min(1, "cite at least one verbatim passage")
  .max(bundleLimits.evidence)
  .refine((passages) => new Set(passages).size === passages.length, "cites the same passage more than once");

export const sourceKinds = ["analysis", "news", "government"] as const;
export const actorKinds = ["country", "person", "organisation", "alliance", "bloc", "party", "global"] as const;
export const claimKinds = ["fact", "statement", "position", "assessment", "reason"] as const;
export const implicationKinds = ["consequence", "scenario"] as const;
export const implicationRoles = ["subject", "involved"] as const;

const sourceFields = {
  id: slug,
  kind: z.enum(sourceKinds),
  title: storableText(textLimits.title),
  publisher: storableText(textLimits.name).optional(),
  url: z.url().max(textLimits.url).optional(),
  description: storableText(textLimits.description).optional(),
};

/** A calendar date as precise as the source states it: `2025`, `2025-04` or `2025-05-08`. */
export const partialDate = z
  .string()
  .max(textLimits.date)
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD");

const citedSourceSchema = z.strictObject({ ...sourceFields, evidence });

const actorSchema = z.strictObject({
  id: slug,
  kind: z.enum(actorKinds),
  name: storableText(textLimits.name),
  aliases: z.array(storableText(textLimits.name)).max(bundleLimits.aliases).default([]),
  description: storableText(textLimits.description),
  wikidataId: z
    .string()
    .max(20)
    .regex(/^Q\d+$/, "must be a Wikidata QID such as Q212")
    .optional(),
  iso3: z
    .string()
    .max(3)
    .regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code such as UKR")
    .optional(),
  actsFor: slug.optional(),
  role: storableText(textLimits.label).optional(),
  evidence,
});

const eventSchema = z.strictObject({
  id: slug,
  title: storableText(textLimits.title),
  summary: storableText(textLimits.summary),
  date: partialDate,
  endDate: partialDate.optional(),
  location: storableText(textLimits.name).optional(),
  participants: z
    .array(z.strictObject({ actor: slug, role: storableText(textLimits.label) }))
    .max(bundleLimits.participants)
    .default([]),
  evidence,
});

const claimSchema = z.strictObject({
  id: slug,
  kind: z.enum(claimKinds),
  text: storableText(textLimits.summary),
  speaker: slug.optional(),
  about: z.array(slug).max(bundleLimits.about).default([]),
  figure: z.strictObject({ value: z.number().min(-1e15).max(1e15), unit: storableText(textLimits.unit) }).optional(),
  evidence,
});

const implicationSchema = z.strictObject({
  id: slug,
  kind: z.enum(implicationKinds),
  title: storableText(textLimits.title),
  summary: storableText(textLimits.summary),
  actors: z
    .array(z.strictObject({ actor: slug, role: z.enum(implicationRoles) }))
    .min(1)
    .max(bundleLimits.implicationActors),
  claims: z.array(slug).max(bundleLimits.implicationClaims).default([]),
  evidence,
});

/** A bundle's lists of records: each one's item schema and how many items it may hold. */
export const bundleLists = {
  citedSources: { item: citedSourceSchema, max: bundleLimits.citedSources },
  actors: { item: actorSchema, max: bundleLimits.records },
  events: { item: eventSchema, max: bundleLimits.records },
  claims: { item: claimSchema, max: bundleLimits.records },
  implications: { item: implicationSchema, max: bundleLimits.records },
} as const;
type ListName = keyof typeof bundleLists;

const documentSchema = z.strictObject({
  ...sourceFields,
  text: storableText(textLimits.documentText),
  evidence: evidence.optional(),
});

export const bundleSchema = z.strictObject({
  document: documentSchema,
  citedSources: z.array(citedSourceSchema).max(bundleLists.citedSources.max).default([]),
  actors: z.array(actorSchema).max(bundleLists.actors.max).default([]),
  events: z.array(eventSchema).max(bundleLists.events.max).default([]),
  claims: z.array(claimSchema).max(bundleLists.claims.max).default([]),
  implications: z.array(implicationSchema).max(bundleLists.implications.max).default([]),
});

/**
 * A bundle with its lists' lengths checked but not their items: what
 * validating in slices (bundle-validation.ts) checks first, in one go.
 */
export const bundleShellSchema = z.strictObject({
  document: documentSchema,
  ...(Object.fromEntries(
    Object.entries(bundleLists).map(([name, { max }]) => [name, z.array(z.unknown()).max(max).default([])]),
  ) as Record<ListName, z.ZodDefault<z.ZodArray<z.ZodUnknown>>>),
});

export type BundleInput = z.input<typeof bundleSchema>;
export type Bundle = z.output<typeof bundleSchema>;

/** Every distinct passage a bundle cites, each looked for once in its document's text. */
export function bundlePassages(bundle: Bundle): Set<string> {
  const records = [bundle.document, ...bundle.citedSources, ...bundle.actors, ...bundle.events, ...bundle.claims];
  return new Set([...records, ...bundle.implications].flatMap((record) => record.evidence ?? []));
}
