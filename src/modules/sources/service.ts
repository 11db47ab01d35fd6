// Reads sources and the citations between them. Full texts are large, so they
// are only loaded when asked for.
import type { Database } from "../../db/database.js";
import type { Param } from "../../db/json-sql.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import { pageIds } from "../page-ids.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { loadSourceRows, type SourceRow } from "./rows.js";
import type { Source } from "./schemas.js";

export interface SourceIncludes {
  include?: Set<"text"> | undefined;
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    kind: row.kind as Source["kind"],
    title: row.title,
    publisher: row.publisher,
    url: row.url,
    description: row.description,
    hasText: Boolean(row.hasText),
    ...(typeof row.text === "string" ? { text: row.text } : {}),
    cites: row.cites,
    citedBy: row.citedBy,
    evidence: row.evidence,
    ...toTimestamps(row),
    ...moreOf("sources", row),
  };
}

export interface ListSourcesOptions extends SourceIncludes {
  complete?: boolean | undefined;
  kind?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listSources(db: Database, options: ListSourcesOptions) {
  const after = decodeCursor("sources", options.cursor, idKey)?.[0];
  const take = options.limit + 1;
  const where = (param: Param) => [options.kind && `src."kind" = ${param(options.kind)}`];
  const ids = await pageIds(db, { table: "Source", alias: "src", where, after, take });
  const rows = await loadSourceRows(db, ids, options.include?.has("text") ?? false, take, embeddedOf(options));
  const page = toPage("sources", rows, options.limit, (row) => [row.id]);
  return { ...page, data: page.data.map(toSource) };
}

export async function getSource(db: Database, id: string, options: SourceIncludes = {}): Promise<Source> {
  const [row] = await loadSourceRows(db, [id], options.include?.has("text") ?? false);
  if (!row) throw new NotFoundError("source", id);
  return toSource(row);
}
