// Reads actors: lists filtered by kind and text, and single actors.
import type { Database } from "../../db/database.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import type { Attestation } from "../assertions/schemas.js";
import { toProvenance } from "../assertions/schemas.js";
import { attestationsOf, type ProvenanceFilters, provenanceConditions } from "../assertions/service.js";
import { pageIds } from "../page-ids.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { matchesText, prepareTextFilter } from "../search/service.js";
import { type ActorRow, loadActorRows } from "./rows.js";
import type { Actor } from "./schemas.js";

export function toActor(row: ActorRow, attested?: Map<string, Attestation[]>): Actor {
  return {
    id: row.id,
    kind: row.kind as Actor["kind"],
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    description: row.description,
    wikidataId: row.wikidataId,
    iso3: row.iso3,
    actsFor: row.actsFor,
    role: row.role,
    members: row.members,
    evidence: row.evidence,
    ...moreOf("actors", row),
    ...toProvenance(row),
    ...(attested ? { attestations: attested.get(row.id) ?? [] } : {}),
    ...toTimestamps(row),
  };
}

/** `include=attestations`: the actors' attestations, else none. */
export const actorAttestations = (db: Database, rows: ActorRow[], include: Set<string> | undefined) =>
  include?.has("attestations") ? attestationsOf(db, "actor", rows) : Promise.resolve(undefined);

export interface ActorIncludes {
  include?: Set<"attestations"> | undefined;
}

export interface ListActorsOptions extends ActorIncludes, ProvenanceFilters {
  complete?: boolean | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listActors(db: Database, options: ListActorsOptions) {
  const after = decodeCursor("actors", options.cursor, idKey)?.[0];
  const take = options.limit + 1;
  const text = options.q ? await prepareTextFilter(db, options.q) : undefined;
  const ids = await pageIds(db, {
    table: "Actor",
    alias: "a",
    where: (param) => [
      options.kind && `a."kind" = ${param(options.kind)}`,
      text && matchesText(db, "actor", text, `a."id"`, param),
      ...provenanceConditions(db, options, param, "a"),
    ],
    after,
    take,
  });
  const rows = await loadActorRows(db, ids, take, embeddedOf(options));
  const page = toPage("actors", rows, options.limit, (row) => [row.id]);
  const attested = await actorAttestations(db, page.data, options.include);
  return { ...page, data: page.data.map((row) => toActor(row, attested)) };
}

export async function getActor(db: Database, id: string, options: ActorIncludes = {}): Promise<Actor> {
  const [row] = await loadActorRows(db, [id]);
  if (!row) throw new NotFoundError("actor", id);
  return toActor(row, await actorAttestations(db, [row], options.include));
}

/**
 * An actor's sub-resource (`list`, already started): NotFoundError unless the
 * actor exists. The check and the list are read at once, so on PostgreSQL the
 * check costs no round trip of its own.
 */
export async function ofActor<T>(db: Database, id: string, list: Promise<T>): Promise<T> {
  const [, result] = await Promise.all([assertActorExists(db, id), list]);
  return result;
}

/** Throws NotFoundError unless the actor exists (for its sub-resources). */
export async function assertActorExists(db: Database, id: string): Promise<void> {
  const exists = await pageIds(db, {
    table: "Actor",
    alias: "a",
    where: (param) => [`a."id" = ${param(id)}`],
    after: undefined,
    take: 1,
  });
  if (exists.length === 0) throw new NotFoundError("actor", id);
}

/** Full actors by id, in one query, for `include=actors` on other records. */
export async function actorsById(db: Database, ids: Iterable<string>): Promise<Map<string, Actor>> {
  const rows = await loadActorRows(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, toActor(row)]));
}

/** Looks up each id in a map loaded by one query, keeping order and skipping none. */
export function pick<T>(byId: Map<string, T>, ids: string[]): T[] {
  return ids.flatMap((id) => {
    const found = byId.get(id);
    return found ? [found] : [];
  });
}
