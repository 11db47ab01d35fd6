// Sources with the sources they cite and are cited by and the passages that
// mention them, in one SQL statement (why: claims/rows.ts). A full text is
// large, so it is read only when asked for.
import type { SourceRow as StoredSource } from "../../content/rows.js";
import type { Database } from "../../db/database.js";
import { type EvidenceRow, evidenceJson, loadRows, type Timestamps } from "../record-rows.js";

export interface SourceRow extends Omit<StoredSource, "text">, Timestamps {
  text?: string | null;
  /** Whether a full text is stored: 1 or 0 on SQLite, a boolean on PostgreSQL. */
  hasText: boolean | number;
  /** By id. */
  cites: { id: string; title: string }[];
  citedBy: { id: string; title: string }[];
  /** The passages of other sources that name this one. */
  mentions: EvidenceRow[];
}

/** The sources with these ids, by id, at most `limit` of them; their texts if `withText`. */
export const loadSourceRows = (db: Database, ids: string[], withText: boolean, limit = ids.length) =>
  loadRows<SourceRow>(db, ids, limit, {
    table: "Source",
    alias: "src",
    columns: ["kind", "title", "publisher", "url", "description", ...(withText ? (["text"] as const) : [])],
    relations: (sql) => {
      const ref = (alias: string) => sql.object({ id: `${alias}."id"`, title: `${alias}."title"` });
      return {
        hasText: `(src."text" IS NOT NULL)`,
        cites: sql.array(
          ref("cited"),
          `sc."citedId"`,
          `FROM ${sql.table("SourceCitation")} sc JOIN ${sql.table("Source")} cited ON cited."id" = sc."citedId" WHERE sc."citingId" = src."id"`,
        ),
        citedBy: sql.array(
          ref("citing"),
          `sc."citingId"`,
          `FROM ${sql.table("SourceCitation")} sc JOIN ${sql.table("Source")} citing ON citing."id" = sc."citingId" WHERE sc."citedId" = src."id"`,
        ),
        mentions: evidenceJson(sql, `e."mentionedSourceId" = src."id"`),
      };
    },
  });
