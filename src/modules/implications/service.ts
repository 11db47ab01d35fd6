// Reads implications, filtered by kind, actor and text, with their supporting
// claims and actors expandable in the same request.
import type { Database } from "../../db/database.js";
import { jsonSql, type Param } from "../../db/json-sql.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { actorsById, pick } from "../actors/service.js";
import { toProvenance } from "../assertions/schemas.js";
import { attestationsOf, type ProvenanceFilters, provenanceConditions } from "../assertions/service.js";
import { claimsById } from "../claims/service.js";
import { type PageIdsQuery, pageIds } from "../page-ids.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { matchesText, prepareTextFilter } from "../search/service.js";
import { type ImplicationRow, latestResolutionFirst, loadImplicationRows } from "./rows.js";
import type { Implication, ImplicationStatus } from "./schemas.js";

export interface ImplicationIncludes {
  include?: Set<"actors" | "claims" | "attestations"> | undefined;
}

export interface ListImplicationsOptions extends ImplicationIncludes, ProvenanceFilters {
  complete?: boolean | undefined;
  kind?: string | undefined;
  likelihood?: string | undefined;
  status?: ImplicationStatus | undefined;
  actor?: string | undefined;
  role?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listImplications(db: Database, options: ListImplicationsOptions) {
  const after = decodeCursor("implications", options.cursor, idKey)?.[0];
  const take = options.limit + 1;
  const rows = await loadImplicationRows(db, await candidateIds(db, options, after, take), take, embeddedOf(options));
  const page = toPage("implications", rows, options.limit, (row) => [row.id]);
  return { ...page, data: await toImplications(db, page.data, options) };
}

/**
 * The next page's candidates. With an actor they come from the link table's
 * (actorId, implicationId) index, so a page costs the same however large the
 * knowledge base grows.
 */
async function candidateIds(
  db: Database,
  options: ListImplicationsOptions,
  after: string | undefined,
  take: number,
): Promise<string[]> {
  const sql = jsonSql(db);
  const text = options.q ? await prepareTextFilter(db, options.q) : undefined;
  const { actor, role } = options;
  const filters = (param: Param) => [
    options.kind && `i."kind" = ${param(options.kind)}`,
    options.likelihood && `i."likelihood" = ${param(options.likelihood)}`,
    options.status && statusCondition(db, options.status, param),
    text && matchesText(db, "implication", text, `i."id"`, param),
    ...provenanceConditions(db, options, param, "i"),
  ];
  const page = (where: PageIdsQuery["where"], link?: PageIdsQuery["link"]) =>
    pageIds(db, { table: "Implication", alias: "i", link, where, after, take });
  const links = "ImplicationActor";
  if (!actor) {
    return page((param) => [
      ...filters(param),
      role &&
        `EXISTS (SELECT 1 FROM ${sql.table(links)} ia WHERE ia."implicationId" = i."id" AND ia."role" = ${param(role)})`,
    ]);
  }
  return page((param) => [role && `ia."role" = ${param(role)}`, ...filters(param)], {
    table: links,
    alias: "ia",
    column: "implicationId",
    actorId: actor,
  });
}

/** The implication aliased `i` has this status: no resolution yet, or its latest resolution's outcome. */
function statusCondition(db: Database, status: ImplicationStatus, param: Param): string {
  const resolutions = `FROM ${jsonSql(db).table("Resolution")} r WHERE r."implicationId" = i."id"`;
  if (status === "open") return `NOT EXISTS (SELECT 1 ${resolutions})`;
  return `(SELECT r."outcome" ${resolutions} ORDER BY ${latestResolutionFirst} LIMIT 1) = ${param(status)}`;
}

export async function getImplication(
  db: Database,
  id: string,
  options: ImplicationIncludes = {},
): Promise<Implication> {
  const [implication] = await toImplications(db, await loadImplicationRows(db, [id]), options);
  if (!implication) throw new NotFoundError("implication", id);
  return implication;
}

async function toImplications(
  db: Database,
  rows: ImplicationRow[],
  options: ImplicationIncludes,
): Promise<Implication[]> {
  const actorIdsOf = (row: ImplicationRow) => row.actors.map((a) => a.actor.id);
  const claimIdsOf = (row: ImplicationRow) => row.claims.map((c) => c.id);
  const [actors, claims, attested] = await Promise.all([
    options.include?.has("actors") ? actorsById(db, rows.flatMap(actorIdsOf)) : undefined,
    options.include?.has("claims") ? claimsById(db, rows.flatMap(claimIdsOf)) : undefined,
    options.include?.has("attestations") ? attestationsOf(db, "implication", rows) : undefined,
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as Implication["kind"],
    title: row.title,
    summary: row.summary,
    hedge: row.hedge,
    likelihood: row.likelihood as Implication["likelihood"],
    horizon: row.horizon,
    actors: row.actors.map((a) => ({ actor: a.actor, role: a.role as Implication["actors"][number]["role"] })),
    claims: row.claims,
    status: (row.resolutions[0]?.outcome ?? "open") as ImplicationStatus,
    resolutions: row.resolutions.map((r) => ({
      ...r,
      outcome: r.outcome as Implication["resolutions"][number]["outcome"],
      datePrecision: r.datePrecision as Implication["resolutions"][number]["datePrecision"],
    })),
    evidence: row.evidence,
    ...moreOf("implications", row),
    ...toProvenance(row),
    ...(attested ? { attestations: attested.get(row.id) ?? [] } : {}),
    ...toTimestamps(row),
    ...(actors || claims
      ? {
          included: {
            ...(actors ? { actors: pick(actors, actorIdsOf(row)) } : {}),
            ...(claims ? { claims: pick(claims, claimIdsOf(row)) } : {}),
          },
        }
      : {}),
  }));
}
