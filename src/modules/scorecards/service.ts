// Scores a source's forecasts: each implication it states that a later source
// has resolved, against the probability of the band its own hedge gives.
import { type Likelihood, likelihoodOf, probabilityOf } from "../../content/likelihood.js";
import type { DatePrecision } from "../../content/rows.js";
import type { ImplicationFields } from "../../content/statements.js";
import type { Database } from "../../db/database.js";
import { jsonSql, parseJson } from "../../db/json-sql.js";
import { decodeCursor, encodeCursor, idKey } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { latestResolutionFirst } from "../implications/rows.js";
import type { Scorecard } from "./schemas.js";

interface LatestResolution {
  implicationId: string;
  kind: string;
  title: string;
  id: string;
  outcome: "occurred" | "did-not-occur";
  date: string;
  datePrecision: DatePrecision;
  source: { id: string; title: string } | string;
}

/** A score as the API gives it: exact to six places, so 0.105625 is not 0.10562500000000001. */
const rounded = (value: number) => Math.round(value * 1e6) / 1e6;

export async function sourceScorecard(
  db: Database,
  sourceId: string,
  options: { limit: number; cursor?: string | undefined },
): Promise<Scorecard> {
  const after = decodeCursor("scorecard", options.cursor, idKey)?.[0];
  const sql = jsonSql(db);
  const [source] = await db.queryRows<{ id: string; title: string }>(
    `SELECT s."id", s."title" FROM ${sql.table("Source")} s WHERE s."id" = ${sql.param(1)}`,
    [sourceId],
  );
  if (!source) throw new NotFoundError("source", sourceId);
  // The source's own statements, read by the (documentId, recordType, recordId) index: at most a bundle's records.
  const stated = (
    await db.queryRows<{ recordId: string; fields: string }>(
      `SELECT a."recordId", a."fields" FROM ${sql.table("Assertion")} a
       WHERE a."documentId" = ${sql.param(1)} AND a."recordType" = 'implication' AND a."retractedRevision" IS NULL`,
      [sourceId],
    )
  ).sort((a, b) => (a.recordId < b.recordId ? -1 : 1)); // in code units, as the cursor compares: not a collation's order
  const latest = await db.queryRows<LatestResolution>(
    `SELECT x."implicationId", x."kind", x."title", x."id", x."outcome", x."date", x."datePrecision", x."source" FROM (
       SELECT r."implicationId", i."kind", i."title", r."id", r."outcome", r."date", r."datePrecision",
         (SELECT ${sql.object({ id: `s."id"`, title: `s."title"` })}
          FROM ${sql.table("Assertion")} a JOIN ${sql.table("Source")} s ON s."id" = a."documentId"
          WHERE a."recordType" = 'resolution' AND a."recordId" = r."id" AND a."retractedRevision" IS NULL
          ORDER BY a."since", a."documentId" LIMIT 1) AS "source",
         ROW_NUMBER() OVER (PARTITION BY r."implicationId" ORDER BY ${latestResolutionFirst}) AS n
       FROM ${sql.table("Resolution")} r JOIN ${sql.table("Implication")} i ON i."id" = r."implicationId"
       WHERE ${sql.isOneOf(`r."implicationId"`, sql.param(1))}) x
     WHERE x.n = 1`,
    [JSON.stringify(stated.map((row) => row.recordId))],
  );
  const resolutions = new Map(latest.map((row) => [row.implicationId, row]));
  const scored = stated.flatMap((statement) => {
    const resolution = resolutions.get(statement.recordId);
    if (!resolution) return [];
    const { hedge } = JSON.parse(statement.fields) as ImplicationFields;
    const band = hedge === undefined ? undefined : likelihoodOf(hedge);
    const probability = band === undefined ? null : probabilityOf(band);
    const occurred = resolution.outcome === "occurred" ? 1 : 0;
    return [
      {
        implication: { id: resolution.implicationId, kind: resolution.kind, title: resolution.title },
        hedge: hedge ?? null,
        likelihood: (band ?? "unstated") as Likelihood,
        probability,
        outcome: resolution.outcome,
        resolution: {
          id: resolution.id,
          date: resolution.date,
          datePrecision: resolution.datePrecision,
          source: parseJson(resolution.source) as { id: string; title: string },
        },
        squaredError: probability === null ? null : (probability - occurred) ** 2,
      },
    ];
  });
  const errors = scored.flatMap((item) => (item.squaredError === null ? [] : [item.squaredError]));
  const rest = after === undefined ? scored : scored.filter((item) => item.implication.id > after);
  const data = rest.slice(0, options.limit);
  const last = data.at(-1);
  return {
    source,
    counts: {
      stated: stated.length,
      open: stated.length - scored.length,
      resolved: scored.length,
      scored: errors.length,
    },
    brierScore: errors.length === 0 ? null : rounded(errors.reduce((sum, error) => sum + error, 0) / errors.length),
    data: data.map((item) => ({
      ...item,
      squaredError: item.squaredError === null ? null : rounded(item.squaredError),
    })) as Scorecard["data"],
    page: {
      limit: options.limit,
      nextCursor: rest.length > options.limit && last ? encodeCursor("scorecard", [last.implication.id]) : null,
    },
  };
}
