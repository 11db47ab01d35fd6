// Turns what a user typed into a safe query for each database's full-text
// engine: words only (no operators can be injected), all required, the last
// one matched as a prefix so results appear while typing.
import { escapeHtml } from "../../http/html.js";

export function searchTerms(input: string): string[] {
  return (
    input
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 16) ?? []
  );
}

/** SQLite FTS5 MATCH syntax: `"peace" "talk"*`. */
export function fts5Query(terms: string[]): string {
  return terms.map((term, i) => `"${term}"${i === terms.length - 1 ? "*" : ""}`).join(" ");
}

/** PostgreSQL to_tsquery syntax: `peace & talk:*`. */
export function tsQuery(terms: string[]): string {
  return terms.map((term, i) => (i === terms.length - 1 ? `${term}:*` : term)).join(" & ");
}

const markStart = "\u0002";
const markEnd = "\u0003";
export const snippetMarks = { start: markStart, end: markEnd };

/** Snippets come back with control-character marks; escape the text, then mark it up. */
export function highlightSnippet(raw: string): string {
  return escapeHtml(raw).replaceAll(markStart, "<mark>").replaceAll(markEnd, "</mark>");
}
