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

/** The most text a snippet shows, before escaping: an excerpt, however long the words around a match are. */
const maxSnippetText = 600;
/** The longest a snippet can be: every character escaped (`&quot;` at worst), an ellipsis and its marks. */
export const maxSnippetLength = 6 * (maxSnippetText + 1) + "<mark></mark>".length;

/** Snippets come back with control-character marks; cut to length, escape the text, then mark it up. */
export function highlightSnippet(raw: string): string {
  let text = raw;
  if (text.length > maxSnippetText) {
    // Not between the halves of a surrogate pair, and with any open mark closed.
    text = text.slice(0, /[\uD800-\uDBFF]/.test(text.charAt(maxSnippetText - 1)) ? maxSnippetText - 1 : maxSnippetText);
    if (text.split(markStart).length > text.split(markEnd).length) text += markEnd;
    text += "…";
  }
  return escapeHtml(text).replaceAll(markStart, "<mark>").replaceAll(markEnd, "</mark>");
}
