// Reads claims, filtered by kind, speaker, subject, source and text.
import type { Database } from "../../db/database.js";
import { jsonSql, type Param } from "../../db/json-sql.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { actorsById, pick } from "../actors/service.js";
import { toProvenance } from "../assertions/schemas.js";
import { attestationsOf, type ProvenanceFilters, provenanceConditions } from "../assertions/service.js";
import { type PageIdsQuery, pageIds } from "../page-ids.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { matchesText, prepareTextFilter } from "../search/service.js";
import { type ClaimRow, loadClaimRows } from "./rows.js";
import type { Claim } from "./schemas.js";

export interface ClaimIncludes {
  include?: Set<"actors" | "attestations"> | undefined;
}

export interface ListClaimsOptions extends ClaimIncludes, ProvenanceFilters {
  complete?: boolean | undefined;
  kind?: string | undefined;
  speaker?: string | undefined;
  about?: string | undefined;
  /** Claims made by or about this actor (an actor's own list, which takes no `about`). */
  actor?: string | undefined;
  source?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listClaims(db: Database, options: ListClaimsOptions) {
  const after = decodeCursor("claims", options.cursor, idKey)?.[0];
  const take = options.limit + 1;
  const rows = await loadClaimRows(db, await candidateIds(db, options, after, take), take, embeddedOf(options));
  const page = toPage("claims", rows, options.limit, (row) => [row.id]);
  return { ...page, data: await toClaims(db, page.data, options) };
}

/**
 * The next page's candidates. With an actor filter they come from the link
 * table's (actorId, claimId) index, checking the other filters per candidate:
 * a page then costs the same however many claims the knowledge base holds.
 * Without one, the claims table's own indexes serve.
 */
async function candidateIds(
  db: Database,
  options: ListClaimsOptions,
  after: string | undefined,
  take: number,
): Promise<string[]> {
  const sql = jsonSql(db);
  const text = options.q ? await prepareTextFilter(db, options.q) : undefined;
  const filters = (param: Param) => [
    options.kind && `c."kind" = ${param(options.kind)}`,
    options.speaker && `c."speakerId" = ${param(options.speaker)}`,
    // From the evidence's (sourceId, id) index: a source's few claims, not a check of every claim.
    options.source &&
      `c."id" IN (SELECT e."claimId" FROM ${sql.table("Evidence")} e WHERE e."sourceId" = ${param(options.source)})`,
    text && matchesText(db, "claim", text, `c."id"`, param),
    ...provenanceConditions(db, options, param, "c"),
  ];
  const page = (where: PageIdsQuery["where"], link?: PageIdsQuery["link"]) =>
    pageIds(db, { table: "Claim", alias: "c", link, where, after, take });
  const actorId = options.actor ?? options.about;
  if (!actorId) return page(filters);
  const linked = page(filters, { table: "ClaimActor", alias: "ca", column: "claimId", actorId });
  if (!options.actor) return linked;
  // "By or about": the claims it speaks come from the (speakerId, id) index.
  const spoken = page((param) => [...filters(param), `c."speakerId" = ${param(actorId)}`]);
  return (await Promise.all([linked, spoken])).flat();
}

export async function getClaim(db: Database, id: string, options: ClaimIncludes = {}): Promise<Claim> {
  const [claim] = await toClaims(db, await loadClaimRows(db, [id]), options);
  if (!claim) throw new NotFoundError("claim", id);
  return claim;
}

/** Full claims by id, in one query, for `include=claims` on implications. */
export async function claimsById(db: Database, ids: Iterable<string>): Promise<Map<string, Claim>> {
  const claims = await toClaims(db, await loadClaimRows(db, [...new Set(ids)]), {});
  return new Map(claims.map((claim) => [claim.id, claim]));
}

const actorIdsOf = (row: ClaimRow) => [...(row.speaker ? [row.speaker.id] : []), ...row.about.map((a) => a.id)];

async function toClaims(db: Database, rows: ClaimRow[], options: ClaimIncludes): Promise<Claim[]> {
  const [actors, attested] = await Promise.all([
    options.include?.has("actors") ? actorsById(db, rows.flatMap(actorIdsOf)) : undefined,
    options.include?.has("attestations") ? attestationsOf(db, "claim", rows) : undefined,
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as Claim["kind"],
    text: row.text,
    speaker: row.speaker,
    about: row.about,
    figure:
      row.figureValue !== null && row.figureUnit !== null ? { value: row.figureValue, unit: row.figureUnit } : null,
    date: row.date,
    datePrecision: row.datePrecision,
    implications: row.implications,
    evidence: row.evidence,
    ...moreOf("claims", row),
    ...toProvenance(row),
    ...(attested ? { attestations: attested.get(row.id) ?? [] } : {}),
    ...toTimestamps(row),
    ...(actors ? { included: { actors: pick(actors, [...new Set(actorIdsOf(row))]) } } : {}),
  }));
}
