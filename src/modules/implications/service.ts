// Reads implications, filtered by kind, actor and text, with their supporting
// claims and actors expandable in the same request.
import type { Database } from "../../db/database.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { actorsById, pick } from "../actors/service.js";
import { claimsById } from "../claims/service.js";
import { toTimestamps } from "../record-refs.js";
import { matchingIds, pageOfMatches } from "../search/service.js";
import { type ImplicationRow, loadImplicationRows } from "./rows.js";
import type { Implication } from "./schemas.js";

export interface ImplicationIncludes {
  include?: Set<"actors" | "claims"> | undefined;
}

export interface ListImplicationsOptions extends ImplicationIncludes {
  kind?: string | undefined;
  actor?: string | undefined;
  role?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listImplications(db: Database, options: ListImplicationsOptions) {
  const after = decodeCursor("implications", options.cursor, idKey);
  const and: Prisma.ImplicationWhereInput[] = [];
  if (options.kind) and.push({ kind: options.kind });
  if (options.role && !options.actor) and.push({ actors: { some: { role: options.role } } });
  const id = after ? { gt: after[0] } : undefined;
  const take = options.limit + 1;
  const matches = options.q ? await matchingIds(db, "implication", options.q) : undefined;
  const rows = await pageOfMatches(matches, async (ids) => {
    const filters = [...and, ...(ids ? [{ id: { in: ids } }] : [])];
    // With an actor, candidates come from the link table's (actorId, implicationId)
    // index, so a page costs the same however large the knowledge base grows.
    const candidates = options.actor
      ? (
          await db.prisma.implicationActor.findMany({
            where: {
              actorId: options.actor,
              ...(options.role ? { role: options.role } : {}),
              implication: { AND: filters },
              ...(id ? { implicationId: id } : {}),
            },
            orderBy: { implicationId: "asc" },
            take,
            select: { implicationId: true },
          })
        ).map((link) => link.implicationId)
      : (
          await db.prisma.implication.findMany({
            where: { AND: [...filters, ...(id ? [{ id }] : [])] },
            orderBy: { id: "asc" },
            take,
            select: { id: true },
          })
        ).map((row) => row.id);
    return loadImplicationRows(db, candidates, take);
  });
  const page = toPage("implications", rows, options.limit, (row) => [row.id]);
  return { ...page, data: await toImplications(db, page.data, options) };
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
  const [actors, claims] = await Promise.all([
    options.include?.has("actors") ? actorsById(db, rows.flatMap(actorIdsOf)) : undefined,
    options.include?.has("claims") ? claimsById(db, rows.flatMap(claimIdsOf)) : undefined,
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as Implication["kind"],
    title: row.title,
    summary: row.summary,
    actors: row.actors.map((a) => ({ actor: a.actor, role: a.role as Implication["actors"][number]["role"] })),
    claims: row.claims,
    evidence: row.evidence,
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
