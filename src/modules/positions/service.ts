// Reads positions in date order, filtered by actor, issue, stance and date, and
// the matrix of actors by issues with each cell's latest stance and history.
import { groupBy } from "../../content/group-by.js";
import type { DatePrecision } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { jsonSql, limitRows, statementParams } from "../../db/json-sql.js";
import { dateIdKey, decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { toProvenance } from "../assertions/schemas.js";
import { attestationsOf, type ProvenanceFilters, provenanceConditions } from "../assertions/service.js";
import { datedIds } from "../page-ids.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { loadPositionRows, type PositionRow } from "./rows.js";
import { matrixLimits, type Position, type PositionMatrix } from "./schemas.js";

export interface PositionIncludes {
  include?: Set<"attestations"> | undefined;
}

export interface ListPositionsOptions extends PositionIncludes, ProvenanceFilters {
  complete?: boolean | undefined;
  actor?: string | undefined;
  issue?: string | undefined;
  stance?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listPositions(db: Database, options: ListPositionsOptions) {
  const after = decodeCursor("positions", options.cursor, dateIdKey);
  const take = options.limit + 1;
  // Read from the (issueId, actorId, dateEnd, id), (actorId, dateEnd, id) or (dateEnd, id) index, whichever the filters lead with.
  const ids = await datedIds(db, {
    table: "Position",
    alias: "p",
    where: (param) => [
      options.issue && `p."issueId" = ${param(options.issue)}`,
      options.actor && `p."actorId" = ${param(options.actor)}`,
      options.stance && `p."stance" = ${param(options.stance)}`,
      ...provenanceConditions(db, options, param, "p"),
    ],
    from: options.from,
    to: options.to,
    after,
    take,
  });
  const rows = await loadPositionRows(db, ids, take, embeddedOf(options));
  const page = toPage("positions", rows, options.limit, (row) => [row.dateEnd.toISOString(), row.id]);
  return { ...page, data: await toPositions(db, page.data, options) };
}

export async function getPosition(db: Database, id: string, options: PositionIncludes = {}): Promise<Position> {
  const [position] = await toPositions(db, await loadPositionRows(db, [id]), options);
  if (!position) throw new NotFoundError("position", id);
  return position;
}

/** A position's own fields as the API gives them (its date as the source states it). */
export function positionFieldsOf(row: PositionRow) {
  return {
    id: row.id,
    stance: row.stance as Position["stance"],
    summary: row.summary,
    date: row.date,
    datePrecision: row.datePrecision as DatePrecision,
    event: row.event,
    claim: row.claim,
    evidence: row.evidence,
  };
}

async function toPositions(db: Database, rows: PositionRow[], options: PositionIncludes): Promise<Position[]> {
  const attested = options.include?.has("attestations") ? await attestationsOf(db, "position", rows) : undefined;
  return rows.map((row) => ({
    ...positionFieldsOf(row),
    actor: row.actor,
    issue: row.issue,
    ...moreOf("positions", row),
    ...toProvenance(row),
    ...(attested ? { attestations: attested.get(row.id) ?? [] } : {}),
    ...toTimestamps(row),
  }));
}

/**
 * Actors by issues: a page of the issues any of the actors has taken a
 * position on, by id, and in each cell the actor's latest positions on it
 * (by the end of the period each date names, then by id), counted.
 */
export async function positionMatrix(
  db: Database,
  options: { actors: string[]; limit: number; cursor?: string | undefined },
): Promise<PositionMatrix> {
  const after = decodeCursor("positions-matrix", options.cursor, idKey)?.[0];
  const sql = jsonSql(db);
  const actors = await db.queryRows<{ id: string; name: string }>(
    `SELECT a."id", a."name" FROM ${sql.table("Actor")} a WHERE ${sql.isOneOf(`a."id"`, sql.param(1))}`,
    [JSON.stringify(options.actors)],
  );
  const byId = new Map(actors.map((actor) => [actor.id, actor]));
  const missing = options.actors.find((id) => !byId.has(id));
  if (missing !== undefined) throw new NotFoundError("actor", missing);

  const issues = await issuesOfActors(db, options.actors, after, options.limit + 1);
  const page = toPage("positions-matrix", issues, options.limit, (issue) => [issue.id]);
  const latest = await db.queryRows<{ id: string; count: number | bigint }>(
    `SELECT x."id", x."count" FROM (
       SELECT p."id",
         ROW_NUMBER() OVER (PARTITION BY p."issueId", p."actorId" ORDER BY p."dateEnd" DESC, p."id" DESC) AS n,
         COUNT(*) OVER (PARTITION BY p."issueId", p."actorId") AS "count"
       FROM ${sql.table("Position")} p
       WHERE ${sql.isOneOf(`p."actorId"`, sql.param(1))} AND ${sql.isOneOf(`p."issueId"`, sql.param(2))}) x
     WHERE x.n <= ${sql.param(3)}`,
    [JSON.stringify(options.actors), JSON.stringify(page.data.map((issue) => issue.id)), matrixLimits.history],
  );
  const counts = new Map(latest.map((row) => [row.id, Number(row.count)]));
  const rows = await loadPositionRows(db, [...counts.keys()]);
  const cells = groupBy(rows.toReversed(), (row) => `${row.issue.id}\u0000${row.actor.id}`);
  return {
    actors: options.actors.map((id) => byId.get(id) as { id: string; name: string }),
    rows: page.data.map((issue) => ({
      issue,
      cells: options.actors.map((actor) => {
        const history = cells.get(`${issue.id}\u0000${actor}`);
        const [first] = history ?? [];
        if (!history || !first) return null;
        return {
          stance: first.stance as Position["stance"],
          positionCount: counts.get(first.id) ?? history.length,
          history: history.map(positionFieldsOf),
        };
      }),
    })),
    page: page.page,
  };
}

/** The issues, by id after `after`, on which any of the actors has taken a position: at most `take`. */
async function issuesOfActors(db: Database, actors: string[], after: string | undefined, take: number) {
  const sql = jsonSql(db);
  const { values, param } = statementParams(db);
  const conditions = [
    `EXISTS (SELECT 1 FROM ${sql.table("Position")} p WHERE p."issueId" = i."id" AND ${sql.isOneOf(`p."actorId"`, param(JSON.stringify(actors)))})`,
    after !== undefined && `i."id" > ${param(after)}`,
  ].filter((condition): condition is string => Boolean(condition));
  return db.queryRows<{ id: string; title: string }>(
    `SELECT i."id", i."title" FROM ${sql.table("Issue")} i WHERE ${conditions.join(" AND ")} ORDER BY i."id" ${limitRows(take)}`,
    values,
  );
}
