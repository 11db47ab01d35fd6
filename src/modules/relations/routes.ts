// The HTTP surface of records' lists: `GET /v1/{collection}/{id}/{list}` pages
// all of a list that the record shows cut (its `more` member names the path).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listOf, pageQuery } from "../../http/pagination.js";
import { problemResponses } from "../../http/problem.js";
import { actorLists } from "../actors/rows.js";
import { claimLists } from "../claims/rows.js";
import { eventLists } from "../events/rows.js";
import { Participant } from "../events/schemas.js";
import { implicationLists } from "../implications/rows.js";
import { ImplicationActor, ImplicationResolution } from "../implications/schemas.js";
import { issueLists } from "../issues/rows.js";
import { IssuePosition } from "../issues/schemas.js";
import {
  ActorRef,
  ClaimRef,
  Evidence,
  embeddedLimit,
  ImplicationRef,
  recordId,
  relationPath,
  SourceRef,
} from "../record-refs.js";
import { evidenceList, type RelationList } from "../record-rows.js";
import { sourceLists } from "../sources/rows.js";
import { type ListOwner, listRelation } from "./service.js";

const pageOf = {
  ActorRef: listOf(ActorRef, "ActorRefList", "A page of a record's actors."),
  Evidence: listOf(Evidence, "EvidenceList", "A page of a record's evidence."),
  ImplicationRef: listOf(ImplicationRef, "ImplicationRefList", "A page of a claim's implications."),
  ClaimRef: listOf(ClaimRef, "ClaimRefList", "A page of an implication's claims."),
  SourceRef: listOf(SourceRef, "SourceRefList", "A page of a source's citations."),
  Participant: listOf(Participant, "ParticipantList", "A page of an event's participants."),
  ImplicationActor: listOf(ImplicationActor, "ImplicationActorList", "A page of an implication's actors."),
  IssuePosition: listOf(IssuePosition, "IssuePositionList", "A page of the positions taken on an issue."),
  ImplicationResolution: listOf(
    ImplicationResolution,
    "ImplicationResolutionList",
    "A page of an implication's resolutions, the latest first.",
  ),
};

/** One list of a record's, paged: its SQL, the schema of a page, the operation's summary. */
const paged = (name: string, list: RelationList, page: z.ZodType, summary: string) => ({ name, list, page, summary });

const collections: (ListOwner & { path: string; tag: string; lists: ReturnType<typeof paged>[] })[] = [
  {
    path: "actors",
    table: "Actor",
    resource: "actor",
    tag: "Actors",
    lists: [
      paged("members", actorLists.members, pageOf.ActorRef, "List the actors that act for an actor"),
      paged("evidence", actorLists.evidence, pageOf.Evidence, "List an actor's evidence"),
    ],
  },
  {
    path: "events",
    table: "Event",
    resource: "event",
    tag: "Events",
    lists: [
      paged("participants", eventLists.participants, pageOf.Participant, "List an event's participants"),
      paged("evidence", eventLists.evidence, pageOf.Evidence, "List an event's evidence"),
    ],
  },
  {
    path: "claims",
    table: "Claim",
    resource: "claim",
    tag: "Claims",
    lists: [
      paged("about", claimLists.about, pageOf.ActorRef, "List the actors a claim is about"),
      paged("implications", claimLists.implications, pageOf.ImplicationRef, "List the implications a claim supports"),
      paged("evidence", claimLists.evidence, pageOf.Evidence, "List a claim's evidence"),
    ],
  },
  {
    path: "implications",
    table: "Implication",
    resource: "implication",
    tag: "Implications",
    lists: [
      paged("actors", implicationLists.actors, pageOf.ImplicationActor, "List an implication's actors"),
      paged("claims", implicationLists.claims, pageOf.ClaimRef, "List the claims that support an implication"),
      paged(
        "resolutions",
        implicationLists.resolutions,
        pageOf.ImplicationResolution,
        "List what later sources say became of an implication",
      ),
      paged("evidence", implicationLists.evidence, pageOf.Evidence, "List an implication's evidence"),
    ],
  },
  {
    path: "issues",
    table: "Issue",
    resource: "issue",
    tag: "Positions",
    lists: [
      paged("positions", issueLists.positions, pageOf.IssuePosition, "List the positions taken on an issue"),
      paged("evidence", issueLists.evidence, pageOf.Evidence, "List an issue's evidence"),
    ],
  },
  {
    path: "positions",
    table: "Position",
    resource: "position",
    tag: "Positions",
    lists: [paged("evidence", evidenceList("positionId"), pageOf.Evidence, "List a position's evidence")],
  },
  {
    path: "resolutions",
    table: "Resolution",
    resource: "resolution",
    tag: "Implications",
    lists: [paged("evidence", evidenceList("resolutionId"), pageOf.Evidence, "List a resolution's evidence")],
  },
  {
    path: "sources",
    table: "Source",
    resource: "source",
    tag: "Sources",
    lists: [
      paged("cites", sourceLists.cites, pageOf.SourceRef, "List the sources a source cites"),
      paged("citedBy", sourceLists.citedBy, pageOf.SourceRef, "List the sources that cite a source"),
      paged("evidence", sourceLists.evidence, pageOf.Evidence, "List the passages of other sources that name a source"),
    ],
  },
];

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const relationRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const owner of collections) {
    for (const { name, list, page, summary } of owner.lists) {
      app.get(
        relationPath(owner.path, ":id", name).replace(/^\/v1/, ""),
        {
          schema: {
            operationId: `list${capitalised(owner.resource)}${capitalised(name)}`,
            summary,
            description: `All of the ${owner.resource}'s \`${name}\`, in the order the ${owner.resource} shows them; the ${owner.resource} itself shows the first ${embeddedLimit}.`,
            tags: [owner.tag],
            params: z.strictObject({ id: recordId }),
            querystring: z.strictObject(pageQuery),
            response: { 200: page, ...problemResponses({ notFound: true }) },
          },
        },
        (request) => listRelation(app.reader, owner, name, list, request.params.id, request.query),
      );
    }
  }
};

export default relationRoutes;
