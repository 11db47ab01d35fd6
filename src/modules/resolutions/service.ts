// Reads resolutions in date order, filtered by implication, outcome and date.
import type { DatePrecision } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { jsonSql } from "../../db/json-sql.js";
import { dateIdKey, decodeCursor, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { toProvenance } from "../assertions/schemas.js";
import { attestationsOf, type ProvenanceFilters, provenanceConditions } from "../assertions/service.js";
import { datedIds } from "../page-ids.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { loadResolutionRows, type ResolutionRow } from "./rows.js";
import type { Resolution } from "./schemas.js";

export interface ResolutionIncludes {
  include?: Set<"attestations"> | undefined;
}

export interface ListResolutionsOptions extends ResolutionIncludes, ProvenanceFilters {
  complete?: boolean | undefined;
  implication?: string | undefined;
  actor?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listResolutions(db: Database, options: ListResolutionsOptions) {
  const after = decodeCursor("resolutions", options.cursor, dateIdKey);
  const take = options.limit + 1;
  // Read from the (implicationId, dateEnd, id) or (dateEnd, id) index.
  const ids = await datedIds(db, {
    table: "Resolution",
    alias: "r",
    where: (param) => [
      options.implication && `r."implicationId" = ${param(options.implication)}`,
      options.outcome && `r."outcome" = ${param(options.outcome)}`,
      options.actor &&
        `EXISTS (SELECT 1 FROM ${jsonSql(db).table("ImplicationActor")} ia WHERE ia."implicationId" = r."implicationId" AND ia."actorId" = ${param(options.actor)})`,
      ...provenanceConditions(db, options, param, "r"),
    ],
    from: options.from,
    to: options.to,
    after,
    take,
  });
  const rows = await loadResolutionRows(db, ids, take, embeddedOf(options));
  const page = toPage("resolutions", rows, options.limit, (row) => [row.dateEnd.toISOString(), row.id]);
  return { ...page, data: await toResolutions(db, page.data, options) };
}

export async function getResolution(db: Database, id: string, options: ResolutionIncludes = {}): Promise<Resolution> {
  const [resolution] = await toResolutions(db, await loadResolutionRows(db, [id]), options);
  if (!resolution) throw new NotFoundError("resolution", id);
  return resolution;
}

async function toResolutions(db: Database, rows: ResolutionRow[], options: ResolutionIncludes): Promise<Resolution[]> {
  const attested = options.include?.has("attestations") ? await attestationsOf(db, "resolution", rows) : undefined;
  return rows.map((row) => ({
    id: row.id,
    implication: row.implication,
    outcome: row.outcome as Resolution["outcome"],
    date: row.date,
    datePrecision: row.datePrecision as DatePrecision,
    summary: row.summary,
    evidence: row.evidence,
    ...moreOf("resolutions", row),
    ...toProvenance(row),
    ...(attested ? { attestations: attested.get(row.id) ?? [] } : {}),
    ...toTimestamps(row),
  }));
}
