// Sources with the sources they cite and are cited by and the passages that
// mention them, in one SQL statement (why: claims/rows.ts). A full text is
// large, so it is read only when asked for.
import type { SourceRow as StoredSource } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import type { JsonSql } from "../../db/json-sql.js";
import { embeddedLimit } from "../record-refs.js";
import { type EvidenceRow, evidenceList, loadRows, type RecordRow, type RelationList } from "../record-rows.js";

export interface SourceRow extends Omit<StoredSource, "text">, RecordRow {
  text?: string | null;
  /** Whether a full text is stored: 1 or 0 on SQLite, a boolean on PostgreSQL. */
  hasText: boolean | number;
  /** By id. */
  cites: { id: string; title: string }[];
  citedBy: { id: string; title: string }[];
  /** The passages of other sources that name this one. */
  evidence: EvidenceRow[];
}

const sourceRef = (sql: JsonSql, alias: string) => sql.object({ id: `${alias}."id"`, title: `${alias}."title"` });

export const sourceLists = {
  cites: {
    item: (sql) => sourceRef(sql, "cited"),
    orderBy: `sc."citedId"`,
    from: (sql, owner) =>
      `FROM ${sql.table("SourceCitation")} sc JOIN ${sql.table("Source")} cited ON cited."id" = sc."citedId" WHERE sc."citingId" = ${owner}`,
  },
  citedBy: {
    item: (sql) => sourceRef(sql, "citing"),
    orderBy: `sc."citingId"`,
    from: (sql, owner) =>
      `FROM ${sql.table("SourceCitation")} sc JOIN ${sql.table("Source")} citing ON citing."id" = sc."citingId" WHERE sc."citedId" = ${owner}`,
  },
  evidence: evidenceList("mentionedSourceId"),
} satisfies Record<string, RelationList>;

/**
 * The sources with these ids, by id, at most `limit` of them, each list of at
 * most `embedded` items; their texts if `withText`.
 */
export const loadSourceRows = (
  db: Database,
  ids: string[],
  withText: boolean,
  limit = ids.length,
  embedded: number | null = embeddedLimit,
) =>
  loadRows<SourceRow>(
    db,
    ids,
    limit,
    {
      table: "Source",
      alias: "src",
      columns: ["kind", "title", "publisher", "url", "description", ...(withText ? (["text"] as const) : [])],
      relations: () => ({ hasText: `(src."text" IS NOT NULL)` }),
      lists: sourceLists,
    },
    embedded,
  );
