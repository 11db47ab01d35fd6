// Several bundles' rows as one write: a record several documents evidence is
// one row (the bundles agree on its fields), each document's evidence is kept.
import { tableKeys } from "./apply-rows.js";
import type { KnowledgeRows } from "./rows.js";

export function mergeRows(parts: KnowledgeRows[]): KnowledgeRows {
  const merged = {} as Record<keyof KnowledgeRows, Map<string, Record<string, unknown>>>;
  for (const table of Object.keys(tableKeys) as (keyof KnowledgeRows)[]) {
    const rows = new Map<string, Record<string, unknown>>();
    for (const part of parts) {
      for (const row of part[table] as unknown as Record<string, unknown>[]) {
        const key = tableKeys[table].map((column) => String(row[column])).join("\u0000");
        // A source that is one bundle's document keeps its text when another bundle only cites it.
        if (table === "sources" && rows.get(key)?.text && !row.text) continue;
        rows.set(key, row);
      }
    }
    merged[table] = rows;
  }
  return Object.fromEntries(
    Object.entries(merged).map(([table, rows]) => [table, [...rows.values()]]),
  ) as unknown as KnowledgeRows;
}
