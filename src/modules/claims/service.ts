// Reads claims, filtered by kind, speaker, subject, source and text.
import type { Database } from "../../db/database.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { actorsById, pick } from "../actors/service.js";
import { evidenceInclude, refSelect, toTimestamps } from "../record-refs.js";
import { matchingIds } from "../search/service.js";
import type { Claim } from "./schemas.js";

const claimInclude = {
  speaker: refSelect.actor,
  about: { select: { actor: refSelect.actor }, orderBy: { actorId: "asc" } },
  implications: { select: { implication: refSelect.implication }, orderBy: { implicationId: "asc" } },
  ...evidenceInclude,
} as const;

const findClaims = (db: Database, args: Pick<Prisma.ClaimFindManyArgs, "where" | "take" | "orderBy">) =>
  db.prisma.claim.findMany({ ...args, include: claimInclude });
type ClaimRow = Awaited<ReturnType<typeof findClaims>>[number];

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
  if (options.about) and.push({ about: { some: { actorId: options.about } } });
  if (options.actor) and.push({ OR: [{ speakerId: options.actor }, { about: { some: { actorId: options.actor } } }] });
  if (options.source) and.push({ evidence: { some: { sourceId: options.source } } });
  if (options.q) and.push({ id: { in: await matchingIds(db, "claim", options.q) } });
  if (after) and.push({ id: { gt: after[0] } });
  const rows = await findClaims(db, { where: { AND: and }, orderBy: { id: "asc" }, take: options.limit + 1 });
  const page = toPage("claims", rows, options.limit, (row) => [row.id]);
  return { ...page, data: await toClaims(db, page.data, options) };
}

export async function getClaim(db: Database, id: string, options: ClaimIncludes = {}): Promise<Claim> {
  const [claim] = await toClaims(db, await findClaims(db, { where: { id } }), options);
  if (!claim) throw new NotFoundError("claim", id);
  return claim;
}

/** Full claims by id, in one query, for `include=claims` on implications. */
export async function claimsById(db: Database, ids: Iterable<string>): Promise<Map<string, Claim>> {
  const claims = await toClaims(db, await findClaims(db, { where: { id: { in: [...new Set(ids)] } } }), {});
  return new Map(claims.map((claim) => [claim.id, claim]));
}

const actorIdsOf = (row: ClaimRow) => [...(row.speaker ? [row.speaker.id] : []), ...row.about.map((a) => a.actor.id)];

async function toClaims(db: Database, rows: ClaimRow[], options: ClaimIncludes): Promise<Claim[]> {
  const actors = options.include?.has("actors") ? await actorsById(db, rows.flatMap(actorIdsOf)) : undefined;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as Claim["kind"],
    text: row.text,
    speaker: row.speaker,
    about: row.about.map((a) => a.actor),
    figure:
      row.figureValue !== null && row.figureUnit !== null ? { value: row.figureValue, unit: row.figureUnit } : null,
    implications: row.implications.map((i) => i.implication),
    evidence: row.evidence,
    ...toTimestamps(row),
    ...(actors ? { included: { actors: pick(actors, [...new Set(actorIdsOf(row))]) } } : {}),
  }));
}
