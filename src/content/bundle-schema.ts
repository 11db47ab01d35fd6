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

/** A field of the format, documented where it is defined: its description and an example, in the published JSON Schema. */
const field = <T extends z.ZodType>(schema: T, description: string, example: z.input<T>) =>
  schema.meta({ description, examples: [example] });

/** Verbatim passages of the bundle's document; the loader finds their offsets. */
const evidence = field(
  z
    .array(storableText(textLimits.passage))
    .min(1, "cite at least one verbatim passage")
    .max(bundleLimits.evidence)
    .refine((passages) => new Set(passages).size === passages.length, "cites the same passage more than once"),
  "Passages of `document.text` that support the record, each copied exactly (quotation marks, dashes and spacing included) and occurring exactly once in the text; the import finds their positions.",
  ["the European Union agreed a new package of sanctions"],
);

export const sourceKinds = ["analysis", "news", "government"] as const;
export const actorKinds = ["country", "person", "organisation", "alliance", "bloc", "party", "global"] as const;
export const claimKinds = ["fact", "statement", "position", "assessment", "reason"] as const;
export const implicationKinds = ["consequence", "scenario"] as const;
export const implicationRoles = ["subject", "involved"] as const;
/** What an actor does about an issue: asks for it, puts it forward, agrees, agrees on a condition, or refuses. */
export const stances = ["demands", "proposes", "accepts", "conditions", "rejects"] as const;
/** What a later document says became of an implication: it came about, or it did not. */
export const outcomes = ["occurred", "did-not-occur"] as const;

/**
 * Marks a record `kb draft` proposed and nobody has checked yet. An import
 * refuses a bundle that still has one unless told to accept drafts
 * (`acceptDrafts=true`, `--accept-drafts`); it is never stored.
 */
const draft = field(
  z
    .strictObject({
      confidence: field(z.number().min(0).max(1), "How sure the drafting rule is, from 0 to 1.", 0.8),
      matchedVia: field(
        storableText(textLimits.passage),
        "The text the rule matched (for an actor, the name or alias as written).",
        "Zelensky",
      ),
      rule: field(storableText(textLimits.label), "The drafting rule that proposed the record.", "known-actor-alias"),
    })
    .optional(),
  "Present on a record `kb draft` proposed: remove it once the record is checked. Never stored.",
  { confidence: 0.8, matchedVia: "Zelensky", rule: "known-actor-alias" },
);

const id = (example: string) =>
  field(slug, "The record's id: a lowercase slug, unique within its type across the knowledge base.", example);

const sourceFields = {
  id: id("eu-sanctions-note-2026"),
  kind: field(z.enum(sourceKinds), "What kind of document it is.", "analysis"),
  title: field(storableText(textLimits.title), "The document's title.", "A note on the EU's sanctions package"),
  publisher: field(storableText(textLimits.name).optional(), "Who published it.", "Example Policy Review"),
  url: field(
    z.url().max(textLimits.url).optional(),
    "Where it is published.",
    "https://example.org/notes/eu-sanctions",
  ),
  description: field(
    storableText(textLimits.description).optional(),
    "A sentence on what the document is.",
    "A short note on the EU's sanctions package of March 2026.",
  ),
};

/** A calendar date as precise as the source states it: `2025`, `2025-04` or `2025-05-08`. */
export const partialDate = z
  .string()
  .max(textLimits.date)
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD");

const citedSourceSchema = z
  .strictObject({ ...sourceFields, evidence })
  .meta({ description: "A document the bundle's document cites, with the passages where it does." });

const actorSchema = z
  .strictObject({
    id: id("european-union"),
    kind: field(z.enum(actorKinds), "What kind of actor it is.", "bloc"),
    name: field(storableText(textLimits.name), "Its usual English name.", "European Union"),
    aliases: field(
      z.array(storableText(textLimits.name)).max(bundleLimits.aliases).default([]),
      "Other names and spellings it goes by (searchable, and matched when drafting).",
      ["EU"],
    ),
    description: field(
      storableText(textLimits.description),
      "One or two sentences on who or what it is.",
      "Political and economic union of European states.",
    ),
    wikidataId: field(
      z
        .string()
        .max(20)
        .regex(/^Q\d+$/, "must be a Wikidata QID such as Q212")
        .optional(),
      "Its Wikidata item: one actor per item across the knowledge base.",
      "Q458",
    ),
    iso3: field(
      z
        .string()
        .max(3)
        .regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code such as UKR")
        .optional(),
      "A country's ISO 3166-1 alpha-3 code.",
      "UKR",
    ),
    actsFor: field(slug.optional(), "The actor a person or body acts for (a minister's country).", "united-states"),
    role: field(
      storableText(textLimits.label).optional(),
      "The person's role, when they act for another.",
      "Secretary of State",
    ),
    evidence,
    draft,
  })
  .meta({ description: "A country, bloc, organisation or person the document speaks of." });

const eventSchema = z
  .strictObject({
    id: id("eu-sanctions-package-2026"),
    title: field(storableText(textLimits.title), "What happened, in a few words.", "EU agrees a new sanctions package"),
    summary: field(
      storableText(textLimits.summary),
      "What happened, in a sentence or two.",
      "The European Union agreed a new package of sanctions against Russia.",
    ),
    date: field(
      partialDate,
      "When it happened, as precisely as the document says: YYYY, YYYY-MM or YYYY-MM-DD.",
      "2026-03",
    ),
    endDate: field(partialDate.optional(), "When it ended, for an event that lasted.", "2026-04"),
    location: field(storableText(textLimits.name).optional(), "Where it happened.", "Brussels"),
    participants: field(
      z
        .array(
          z.strictObject({
            actor: field(
              slug,
              "The participant's actor id (defined in the bundle or already stored).",
              "european-union",
            ),
            role: field(storableText(textLimits.label), "What it did in the event.", "imposed sanctions"),
          }),
        )
        .max(bundleLimits.participants)
        .default([]),
      "The actors that took part, each once.",
      [{ actor: "european-union", role: "imposed sanctions" }],
    ),
    evidence,
    draft,
  })
  .meta({ description: "Something that happened or was announced, dated as the document dates it." });

const claimSchema = z
  .strictObject({
    id: id("statement-ukraine-welcomes-eu-sanctions"),
    kind: field(
      z.enum(claimKinds),
      "`fact`: stated as true (with a `figure` when it is a number); `statement`: what a speaker said; `position`: what an actor wants; `assessment`: the document's judgement or forecast; `reason`: why something happened.",
      "statement",
    ),
    text: field(
      storableText(textLimits.summary),
      "The claim in a sentence of your own.",
      "Ukraine welcomed the EU's new sanctions package.",
    ),
    speaker: field(slug.optional(), "Who made a statement or holds a position (an actor id).", "ukraine"),
    about: field(z.array(slug).max(bundleLimits.about).default([]), "The actors the claim is about (actor ids).", [
      "european-union",
      "russia",
    ]),
    figure: field(
      z
        .strictObject({
          value: field(z.number().min(-1e15).max(1e15), "The number, in the unit given.", 66.5),
          unit: field(storableText(textLimits.unit), "Its unit.", "billion USD"),
        })
        .optional(),
      "The figure a fact states.",
      { value: 66.5, unit: "billion USD" },
    ),
    date: field(
      partialDate.optional(),
      "When what it states was said or happened, where the document dates it, as precisely as it does: YYYY, YYYY-MM or YYYY-MM-DD. A dated claim is on the timeline.",
      "2026-03",
    ),
    evidence,
    draft,
  })
  .meta({ description: "Something the document states, reports someone saying, or judges." });

const implicationSchema = z
  .strictObject({
    id: id("russia-added-economic-strain"),
    kind: field(
      z.enum(implicationKinds),
      "`consequence`: what follows for the actors; `scenario`: a possible path forward.",
      "consequence",
    ),
    title: field(storableText(textLimits.title), "The implication in a few words.", "Added economic strain"),
    summary: field(
      storableText(textLimits.summary),
      "The implication in a sentence or two.",
      "Analysts expect the package to add to the economic strains on Russia.",
    ),
    actors: field(
      z
        .array(
          z.strictObject({
            actor: field(slug, "An actor id.", "russia"),
            role: field(
              z.enum(implicationRoles),
              "`subject`: whom it is an implication for; `involved`: who else it concerns.",
              "subject",
            ),
          }),
        )
        .min(1)
        .max(bundleLimits.implicationActors),
      "The actors it is an implication for (`subject`) or involves: at least one.",
      [
        { actor: "russia", role: "subject" },
        { actor: "european-union", role: "involved" },
      ],
    ),
    claims: field(
      z.array(slug).max(bundleLimits.implicationClaims).default([]),
      "The claims it rests on (claim ids of this bundle).",
      ["statement-moscow-calls-sanctions-hostile"],
    ),
    hedge: field(
      storableText(textLimits.label).optional(),
      "The document's own words of likelihood for it, copied from one of its evidence passages, where they stand as whole words: `could`, `would`, `makes this unlikely`. They must hold words the likelihood table knows (README, Implications as forecasts); the record's `likelihood` is read from them. Leave it out when the document gives none.",
      "expect",
    ),
    horizon: field(
      storableText(textLimits.label).optional(),
      "When it may come about, in the document's words, copied from one of its evidence passages: `by the end of 2026`, `in the coming months`. Leave it out when the document gives none.",
      "in the coming months",
    ),
    evidence,
    draft,
  })
  .meta({ description: "What the document draws out for an actor: a consequence, or a scenario." });

const issueSchema = z
  .strictObject({
    id: id("status-of-crimea"),
    title: field(storableText(textLimits.title), "The negotiated question, in a few words.", "Status of Crimea"),
    description: field(
      storableText(textLimits.description),
      "What is negotiated, in a sentence of your own.",
      "Whether Russia's annexation of Crimea in 2014 is recognised in a settlement.",
    ),
    evidence,
  })
  .meta({ description: "A question the parties negotiate: NATO membership, the status of Crimea, ceasefire terms." });

const positionSchema = z
  .strictObject({
    id: id("russia-demands-crimea-recognition-2022"),
    actor: field(slug, "Whose position it is (an actor id, defined in the bundle or already stored).", "russia"),
    issue: field(
      slug,
      "The issue it is on (an issue id, defined in the bundle or already stored).",
      "status-of-crimea",
    ),
    stance: field(
      z.enum(stances),
      "`demands`: asks for it; `proposes`: puts it forward; `accepts`: agrees to it; `conditions`: agrees, or will talk, only on a condition; `rejects`: refuses it.",
      "demands",
    ),
    summary: field(
      storableText(textLimits.summary),
      "What the actor wants, offers or refuses on the issue, in a sentence of your own.",
      "Russia sought recognition of its annexation of Crimea.",
    ),
    date: field(
      partialDate.optional(),
      "When the document places it, as precisely as it says: YYYY, YYYY-MM or YYYY-MM-DD. Leave it out to date it by its `event`.",
      "2022",
    ),
    event: field(
      slug.optional(),
      "The event it was taken at (an event id of this bundle): its date, when `date` is left out.",
      "peace-talks-turkey-2022",
    ),
    claim: field(
      slug.optional(),
      "The claim that states it (a claim id of this bundle), where one does.",
      "position-russia-demands-2022",
    ),
    evidence,
  })
  .meta({
    description:
      "An actor's stance on an issue, dated by the document or by an event: one of the document's position claims, or part of one.",
  });

const resolutionSchema = z
  .strictObject({
    id: id("russia-sanctions-kept-2026"),
    implication: field(
      slug,
      "The implication it resolves: one already stored, which another document drew out (a document does not grade its own).",
      "russia-sanctions-dynamics",
    ),
    outcome: field(
      z.enum(outcomes),
      "`occurred`: it came about; `did-not-occur`: the document says it did not, or can no longer.",
      "occurred",
    ),
    date: field(
      partialDate,
      "When the document says it came about, or was shown not to: YYYY, YYYY-MM or YYYY-MM-DD.",
      "2026-03",
    ),
    summary: field(
      storableText(textLimits.summary),
      "What became of it, in a sentence of your own.",
      "Europe kept up, and added to, the sanctions on Russia.",
    ),
    evidence,
  })
  .meta({
    description:
      "A later document's word on an earlier implication: that it occurred or did not, when, and the passages that say so.",
  });

/** A bundle's lists of records: each one's item schema and how many items it may hold. */
export const bundleLists = {
  citedSources: { item: citedSourceSchema, max: bundleLimits.citedSources },
  actors: { item: actorSchema, max: bundleLimits.records },
  events: { item: eventSchema, max: bundleLimits.records },
  claims: { item: claimSchema, max: bundleLimits.records },
  implications: { item: implicationSchema, max: bundleLimits.records },
  issues: { item: issueSchema, max: bundleLimits.records },
  positions: { item: positionSchema, max: bundleLimits.records },
  resolutions: { item: resolutionSchema, max: bundleLimits.records },
} as const;
type ListName = keyof typeof bundleLists;

/** The format's example (tests/fixtures/bundle.json, shortened): each list's example is one of its records. */
const example: {
  document: Record<string, string>;
  citedSource: z.input<typeof citedSourceSchema>;
  actor: z.input<typeof actorSchema>;
  event: z.input<typeof eventSchema>;
  claim: z.input<typeof claimSchema>;
  implication: z.input<typeof implicationSchema>;
  issue: z.input<typeof issueSchema>;
  position: z.input<typeof positionSchema>;
  resolution: z.input<typeof resolutionSchema>;
} = {
  document: {
    id: "eu-sanctions-note-2026",
    kind: "analysis",
    title: "A note on the EU's sanctions package",
    text: "In March 2026 the European Union agreed a new package of sanctions against Russia. Ukraine welcomed the decision, while Moscow called it hostile.",
  },
  citedSource: {
    id: "eu-council-press-release",
    kind: "government",
    title: "Council adopts a new package of sanctions",
    evidence: ["the European Union agreed a new package of sanctions"],
  },
  actor: {
    id: "european-union",
    kind: "bloc",
    name: "European Union",
    aliases: ["EU"],
    description: "Political and economic union of European states.",
    wikidataId: "Q458",
    evidence: ["the European Union agreed a new package of sanctions"],
  },
  event: {
    id: "eu-sanctions-package-2026",
    title: "EU agrees a new sanctions package",
    summary: "The European Union agreed a new package of sanctions against Russia.",
    date: "2026-03",
    participants: [{ actor: "european-union", role: "imposed sanctions" }],
    evidence: ["In March 2026 the European Union agreed a new package of sanctions against Russia."],
  },
  claim: {
    id: "statement-ukraine-welcomes-eu-sanctions",
    kind: "statement",
    text: "Ukraine welcomed the EU's new sanctions package.",
    speaker: "ukraine",
    about: ["european-union", "russia"],
    evidence: ["Ukraine welcomed the decision"],
  },
  implication: {
    id: "russia-added-economic-strain",
    kind: "consequence",
    title: "Added economic strain",
    summary: "The package adds to the economic strains on Russia.",
    actors: [{ actor: "russia", role: "subject" }],
    claims: [],
    evidence: ["In March 2026 the European Union agreed a new package of sanctions against Russia."],
  },
  issue: {
    id: "sanctions-on-russia",
    title: "Sanctions on Russia",
    description: "Whether sanctions on Russia are kept, added to or lifted.",
    evidence: ["a new package of sanctions against Russia"],
  },
  position: {
    id: "ukraine-welcomes-eu-sanctions-2026",
    actor: "ukraine",
    issue: "sanctions-on-russia",
    stance: "accepts",
    summary: "Ukraine welcomed the EU's new package of sanctions.",
    event: "eu-sanctions-package-2026",
    claim: "statement-ukraine-welcomes-eu-sanctions",
    evidence: ["Ukraine welcomed the decision"],
  },
  resolution: {
    id: "russia-sanctions-kept-2026",
    implication: "russia-sanctions-dynamics",
    outcome: "occurred",
    date: "2026-03",
    summary: "Europe kept up, and added to, the sanctions on Russia.",
    evidence: ["In March 2026 the European Union agreed a new package of sanctions against Russia."],
  },
};

const documentSchema = z
  .strictObject({
    ...sourceFields,
    text: field(
      storableText(textLimits.documentText),
      "The document's full text, which every evidence passage quotes.",
      "In March 2026 the European Union agreed a new package of sanctions against Russia. Ukraine welcomed the decision, while Moscow called it hostile.",
    ),
    evidence: evidence.optional(),
  })
  .meta({ description: "The source document: its metadata and its full text.", examples: [example.document] });

const list = <T extends z.ZodType>(item: T, max: number, description: string, example: z.input<T>) =>
  z
    .array(item)
    .max(max)
    .default([])
    .meta({ description, examples: [[example]] });

export const bundleSchema = z.strictObject({
  document: documentSchema,
  citedSources: list(
    citedSourceSchema,
    bundleLists.citedSources.max,
    "Documents the document cites.",
    example.citedSource,
  ),
  actors: list(
    actorSchema,
    bundleLists.actors.max,
    "The actors the bundle defines; those already stored may be referenced by id without being defined.",
    example.actor,
  ),
  events: list(eventSchema, bundleLists.events.max, "What happened, as the document reports it.", example.event),
  claims: list(claimSchema, bundleLists.claims.max, "What the document states, reports or judges.", example.claim),
  implications: list(
    implicationSchema,
    bundleLists.implications.max,
    "What the document draws out for actors.",
    example.implication,
  ),
  issues: list(
    issueSchema,
    bundleLists.issues.max,
    "The issues the bundle defines; stored ones may be referenced by id.",
    example.issue,
  ),
  positions: list(
    positionSchema,
    bundleLists.positions.max,
    "Who demands, proposes, accepts, conditions or rejects what, on which issue, and when.",
    example.position,
  ),
  resolutions: list(
    resolutionSchema,
    bundleLists.resolutions.max,
    "What became of implications other documents drew out: each one occurred or did not.",
    example.resolution,
  ),
});

/** The records of a bundle `kb draft` proposed and nobody has checked yet, as problems for an import that does not accept drafts. */
export function draftProblems(bundle: Bundle): { where: string; record: string; problem: string }[] {
  const lists = ["actors", "events", "claims", "implications"] as const;
  return lists.flatMap((name) =>
    bundle[name].flatMap((record, index) =>
      record.draft
        ? [
            {
              where: `${name}.${index}.draft`,
              record: record.id,
              problem:
                "is a draft nobody has checked: check it and remove its `draft`, or import with drafts accepted (acceptDrafts=true, --accept-drafts)",
            },
          ]
        : [],
    ),
  );
}

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
  const more = [...bundle.implications, ...bundle.issues, ...bundle.positions, ...bundle.resolutions];
  return new Set([...records, ...more].flatMap((record) => record.evidence ?? []));
}
