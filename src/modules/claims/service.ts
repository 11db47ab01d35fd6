// Reads claims, filtered by kind, speaker, subject, source and text.
import type { Database } from "../../db/database.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { actorsById, pick } from "../actors/service.js";
import { toTimestamps } from "../record-refs.js";
import { matchingIds, pageOfMatches } from "../search/service.js";
import { type ClaimRow, loadClaimRows } from "./rows.js";
import type { Claim } from "./schemas.js";

export interface ClaimIncludes {
  include?: Set<"actors"> | undefined;
}

export interface ListClaimsOptions extends ClaimIncludes {
  kind?: string | undefined;
  speaker?: string | undefined;
  about?: string | undefined;
  /** Claims made by or about this actor. */
  actor?: string | undefined;
  source?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listClaims(db: Database, options: ListClaimsOptions) {
  const after = decodeCursor("claims", options.cursor, idKey);
  const and: Prisma.ClaimWhereInput[] = [];
  if (options.kind) and.push({ kind: options.kind });
  if (options.speaker) and.push({ speakerId: options.speaker });
  if (options.source) and.push({ evidence: { some: { sourceId: options.source } } });
  const id = after ? { gt: after[0] } : undefined;
  const take = options.limit + 1;
  const matches = options.q ? await matchingIds(db, "claim", options.q) : undefined;
  const rows = await pageOfMatches(matches, async (ids) => {
    const filters = [...and, ...(ids ? [{ id: { in: ids } }] : [])];
    const candidates =
      (await actorLinkedClaimIds(db, options, { AND: filters }, id, take)) ??
      (
        await db.prisma.claim.findMany({
          where: { AND: [...filters, ...(id ? [{ id }] : [])] },
          orderBy: { id: "asc" },
          take,
          select: { id: true },
        })
      ).map((row) => row.id);
    // The candidates' first `take` by id: the database orders, in its own collation, as cursors compare.
    return loadClaimRows(db, candidates, take);
  });
  const page = toPage("claims", rows, options.limit, (row) => [row.id]);
  return { ...page, data: await toClaims(db, page.data, options) };
}

/**
 * With an actor filter, the next page's candidates come from the link table's
 * (actorId, claimId) index, checking the other filters per candidate: a page
 * then costs the same however many claims the knowledge base holds. Without one,
 * undefined: the claims table's own indexes serve.
 */
async function actorLinkedClaimIds(
  db: Database,
  options: ListClaimsOptions,
  where: Prisma.ClaimWhereInput,
  id: { gt: string } | undefined,
  take: number,
): Promise<string[] | undefined> {
  const actorId = options.about ?? options.actor;
  if (!actorId) return undefined;
  const claim: Prisma.ClaimWhereInput =
    options.about && options.actor
      ? { AND: [where, { OR: [{ speakerId: options.actor }, { about: { some: { actorId: options.actor } } }] }] }
      : where;
  const linked = await db.prisma.claimActor.findMany({
    where: { actorId, claim, ...(id ? { claimId: id } : {}) },
    orderBy: { claimId: "asc" },
    take,
    select: { claimId: true },
  });
  const ids = linked.map((link) => link.claimId);
  if (options.about || !options.actor) return ids;
  // "By or about": the claims it speaks come from the (speakerId, id) index.
  const spoken = await db.prisma.claim.findMany({
    where: { AND: [where, { speakerId: options.actor }, ...(id ? [{ id }] : [])] },
    orderBy: { id: "asc" },
    take,
    select: { id: true },
  });
  return [...ids, ...spoken.map((row) => row.id)];
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
  const actors = options.include?.has("actors") ? await actorsById(db, rows.flatMap(actorIdsOf)) : undefined;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as Claim["kind"],
    text: row.text,
    speaker: row.speaker,
    about: row.about,
    figure:
      row.figureValue !== null && row.figureUnit !== null ? { value: row.figureValue, unit: row.figureUnit } : null,
    implications: row.implications,
    evidence: row.evidence,
    ...toTimestamps(row),
    ...(actors ? { included: { actors: pick(actors, [...new Set(actorIdsOf(row))]) } } : {}),
  }));
}
