// Snippets as the API returns them: excerpts with control-character marks
// around matched words, cut to length, escaped, then marked up.
import { escapeHtml } from "../../http/html.js";

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
