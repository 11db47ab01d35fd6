// Actors: countries, people, organisations, alliances, blocs, parties, and the
// international system as a whole.
import { z } from "zod";
import { actorKinds, bundleLimits, textLimits } from "../../content/bundle-schema.js";
import { storableText } from "../../content/storable-text.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { attestations, provenance, provenanceFilters } from "../assertions/schemas.js";
import {
  ActorRef,
  Evidence,
  embeddedList,
  exampleEvidence,
  exampleTimestamps,
  includeParam,
  moreLinks,
  recordId,
  timestamps,
} from "../record-refs.js";

export const ActorKind = z.enum(actorKinds).meta({ id: "ActorKind", description: "What kind of actor it is." });

export const Actor = z
  .object({
    id: recordId,
    kind: ActorKind,
    name: z.string().max(textLimits.name),
    aliases: z
      .array(z.string().max(textLimits.name))
      .max(bundleLimits.aliases)
      .describe("Other names the actor goes by."),
    description: z.string().max(textLimits.description),
    wikidataId: z.string().max(20).nullable().describe("The Wikidata QID, for joining with other data sets."),
    iso3: z.string().max(3).nullable().describe("The ISO 3166-1 alpha-3 code, for countries."),
    actsFor: ActorRef.nullable().describe("The actor this one acts for (a minister's country)."),
    role: z.string().max(textLimits.label).nullable().describe("The role in which it acts for `actsFor`."),
    members: embeddedList(ActorRef).describe("Actors that act for this one."),
    evidence: embeddedList(Evidence),
    more: moreLinks(["members", "evidence"]),
    ...provenance,
    attestations,
    ...timestamps,
  })
  .meta({
    id: "Actor",
    description: "An actor named by a source, with the passages that name it.",
    examples: [
      {
        id: "marco-rubio",
        kind: "person",
        name: "Marco Rubio",
        aliases: ["Rubio", "Secretary of State Marco Rubio"],
        description: 'US Secretary of State, who warned in April 2025 that the US would "move on" if progress stalled.',
        wikidataId: "Q324546",
        iso3: null,
        actsFor: { id: "united-states", name: "United States" },
        role: "Secretary of State",
        members: [],
        evidence: exampleEvidence(
          "us-withdrawal-from-peace-talks-2025/actor/marco-rubio/1",
          "articulated by Secretary of State Marco Rubio and echoed by Trump",
          405,
          470,
        ),
        sourceCount: 1,
        conflicts: [],
        ...exampleTimestamps,
      },
    ],
  });
export type Actor = z.infer<typeof Actor>;

export const ActorList = listOf(Actor, "ActorList", "A page of actors.");

export const ListActorsQuery = z.strictObject({
  kind: z.enum(actorKinds).optional().describe("Only actors of this kind."),
  q: storableText(200).optional().describe("Full-text match on name, aliases and description."),
  ...provenanceFilters,
  include: includeParam(["attestations"]),
  ...pageQuery,
});

export const GetActorQuery = z.strictObject({ include: includeParam(["attestations"]) });
export const ActorParams = z.strictObject({ id: recordId });
