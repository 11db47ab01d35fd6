// A page for what went wrong outside the API: an unknown record or path (404),
// a query it cannot run (400), or a failure; each with a way back.
import { escapeHtml } from "../../http/html.js";
import { link } from "./fragments.js";

const explanations: Record<number, string> = {
  400: "The address asks for something this site cannot show.",
  404: "Nothing is here: the record may never have existed, or its address was mistyped.",
};

export function errorPage(status: number, title: string, detail: string | undefined) {
  const main = `<p class="label">Error ${status}</p>
<h1>${escapeHtml(title)}</h1>
<p class="lead">${escapeHtml(explanations[status] ?? "Something went wrong on our side; please try again shortly.")}</p>
${detail ? `<p class="muted">${escapeHtml(detail)}</p>` : ""}
<p>${link("/", "Back to the front page")}, or search for what you were looking for above.</p>`;
  return { title, main };
}
