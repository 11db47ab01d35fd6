// Reads issues, each with the positions taken on it.
import type { Database } from "../../db/database.js";
import { jsonSql } from "../../db/json-sql.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { toProvenance } from "../assertions/schemas.js";
import { attestationsOf, type ProvenanceFilters, provenanceConditions } from "../assertions/service.js";
import { pageIds } from "../page-ids.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { type IssueRow, loadIssueRows } from "./rows.js";
import type { Issue } from "./schemas.js";

export interface IssueIncludes {
  include?: Set<"attestations"> | undefined;
}

export interface ListIssuesOptions extends IssueIncludes, ProvenanceFilters {
  complete?: boolean | undefined;
  actor?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listIssues(db: Database, options: ListIssuesOptions) {
  const after = decodeCursor("issues", options.cursor, idKey)?.[0];
  const take = options.limit + 1;
  const sql = jsonSql(db);
  const ids = await pageIds(db, {
    table: "Issue",
    alias: "i",
    where: (param) => [
      options.actor &&
        `EXISTS (SELECT 1 FROM ${sql.table("Position")} p WHERE p."issueId" = i."id" AND p."actorId" = ${param(options.actor)})`,
      ...provenanceConditions(db, options, param, "i"),
    ],
    after,
    take,
  });
  const rows = await loadIssueRows(db, ids, take, embeddedOf(options));
  const page = toPage("issues", rows, options.limit, (row) => [row.id]);
  return { ...page, data: await toIssues(db, page.data, options) };
}

export async function getIssue(db: Database, id: string, options: IssueIncludes = {}): Promise<Issue> {
  const [issue] = await toIssues(db, await loadIssueRows(db, [id]), options);
  if (!issue) throw new NotFoundError("issue", id);
  return issue;
}

async function toIssues(db: Database, rows: IssueRow[], options: IssueIncludes): Promise<Issue[]> {
  const attested = options.include?.has("attestations") ? await attestationsOf(db, "issue", rows) : undefined;
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    positions: row.positions.map((p) => ({
      ...p,
      stance: p.stance as Issue["positions"][number]["stance"],
      datePrecision: p.datePrecision as Issue["positions"][number]["datePrecision"],
    })),
    evidence: row.evidence,
    ...moreOf("issues", row),
    ...toProvenance(row),
    ...(attested ? { attestations: attested.get(row.id) ?? [] } : {}),
    ...toTimestamps(row),
  }));
}
