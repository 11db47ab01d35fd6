// The content-bundle format: one source document plus everything drawn from it.
// The seed directory and (later) imports are both read into this shape.
import { z } from "zod";

export const slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug such as `marco-rubio`");

/** Verbatim passages of the bundle's document; the loader finds their offsets. */
const evidence = z.array(z.string().min(1).max(5_000)).min(1, "cite at least one verbatim passage");

export const sourceKinds = ["analysis", "news", "government"] as const;
export const actorKinds = ["country", "person", "organisation", "alliance", "bloc", "party", "global"] as const;
export const claimKinds = ["fact", "statement", "position", "assessment", "reason"] as const;
export const implicationKinds = ["consequence", "scenario"] as const;
export const implicationRoles = ["subject", "involved"] as const;

const sourceFields = {
  id: slug,
  kind: z.enum(sourceKinds),
  title: z.string().min(1).max(500),
  publisher: z.string().min(1).max(200).optional(),
  url: z.url().max(2_000).optional(),
  description: z.string().min(1).max(2_000).optional(),
};

/** A calendar date as precise as the source states it: `2025`, `2025-04` or `2025-05-08`. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD");

export const bundleSchema = z.strictObject({
  document: z.strictObject({ ...sourceFields, text: z.string().min(1).max(2_000_000), evidence: evidence.optional() }),
  citedSources: z.array(z.strictObject({ ...sourceFields, evidence })).default([]),
  actors: z
    .array(
      z.strictObject({
        id: slug,
        kind: z.enum(actorKinds),
        name: z.string().min(1).max(200),
        aliases: z.array(z.string().min(1).max(200)).default([]),
        description: z.string().min(1).max(2_000),
        wikidataId: z
          .string()
          .regex(/^Q\d+$/, "must be a Wikidata QID such as Q212")
          .optional(),
        iso3: z
          .string()
          .regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code such as UKR")
          .optional(),
        actsFor: slug.optional(),
        role: z.string().min(1).max(200).optional(),
        evidence,
      }),
    )
    .default([]),
  events: z
    .array(
      z.strictObject({
        id: slug,
        title: z.string().min(1).max(500),
        summary: z.string().min(1).max(5_000),
        date: partialDate,
        endDate: partialDate.optional(),
        location: z.string().min(1).max(200).optional(),
        participants: z.array(z.strictObject({ actor: slug, role: z.string().min(1).max(200) })).default([]),
        evidence,
      }),
    )
    .default([]),
  claims: z
    .array(
      z.strictObject({
        id: slug,
        kind: z.enum(claimKinds),
        text: z.string().min(1).max(5_000),
        speaker: slug.optional(),
        about: z.array(slug).default([]),
        figure: z.strictObject({ value: z.number().finite(), unit: z.string().min(1).max(50) }).optional(),
        evidence,
      }),
    )
    .default([]),
  implications: z
    .array(
      z.strictObject({
        id: slug,
        kind: z.enum(implicationKinds),
        title: z.string().min(1).max(500),
        summary: z.string().min(1).max(5_000),
        actors: z.array(z.strictObject({ actor: slug, role: z.enum(implicationRoles) })).min(1),
        claims: z.array(slug).default([]),
        evidence,
      }),
    )
    .default([]),
});

export type BundleInput = z.input<typeof bundleSchema>;
export type Bundle = z.output<typeof bundleSchema>;
