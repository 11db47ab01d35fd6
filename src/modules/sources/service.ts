// Reads sources and the citations between them. Full texts are large, so they
// are only loaded when asked for.
import type { Database } from "../../db/database.js";
import type { Param } from "../../db/json-sql.js";
import { decodeCursor, idKey, toPage } from "../../http/pagination.js";
import { NotFoundError } from "../../http/problem.js";
import type { Attestation } from "../assertions/schemas.js";
import { toProvenance } from "../assertions/schemas.js";
import { attestationsOf, type ProvenanceFilters, provenanceConditions } from "../assertions/service.js";
import { pageIds } from "../page-ids.js";
import { embeddedOf, moreOf, toTimestamps } from "../record-refs.js";
import { loadSourceRows, type SourceRow } from "./rows.js";
import type { Source } from "./schemas.js";

export interface SourceIncludes {
  include?: Set<"text" | "attestations"> | undefined;
}

function toSource(row: SourceRow, attested: Map<string, Attestation[]> | undefined): Source {
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
    ...moreOf("sources", row),
    ...toProvenance(row),
    ...(attested ? { attestations: attested.get(row.id) ?? [] } : {}),
    ...toTimestamps(row),
  };
}

const sourceAttestations = (db: Database, rows: SourceRow[], options: SourceIncludes) =>
  options.include?.has("attestations") ? attestationsOf(db, "source", rows) : Promise.resolve(undefined);

export interface ListSourcesOptions extends SourceIncludes, ProvenanceFilters {
  complete?: boolean | undefined;
  kind?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listSources(db: Database, options: ListSourcesOptions) {
  const after = decodeCursor("sources", options.cursor, idKey)?.[0];
  const take = options.limit + 1;
  const where = (param: Param) => [
    options.kind && `src."kind" = ${param(options.kind)}`,
    ...provenanceConditions(db, options, param, "src"),
  ];
  const ids = await pageIds(db, { table: "Source", alias: "src", where, after, take });
  const rows = await loadSourceRows(db, ids, options.include?.has("text") ?? false, take, embeddedOf(options));
  const page = toPage("sources", rows, options.limit, (row) => [row.id]);
  const attested = await sourceAttestations(db, page.data, options);
  return { ...page, data: page.data.map((row) => toSource(row, attested)) };
}

export async function getSource(db: Database, id: string, options: SourceIncludes = {}): Promise<Source> {
  const [row] = await loadSourceRows(db, [id], options.include?.has("text") ?? false);
  if (!row) throw new NotFoundError("source", id);
  return toSource(row, await sourceAttestations(db, [row], options));
}
