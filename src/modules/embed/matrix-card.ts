// The matrix of actors by issues as a card for an <iframe>: an HTML table
// with its caption and headers, each cell the actor's latest stance as a word
// and a colour (a bar beside it, so the word, not the colour, carries it), its
// date as precise as the source says, and what was wanted or refused. The
// card's own styles and rules: no script, nothing loaded, framable anywhere.
import { stances } from "../../content/bundle-schema.js";
import { escapeHtml } from "../../http/html.js";
import { timeOf } from "../pages/fragments.js";
import type { PositionMatrix } from "../positions/schemas.js";
import { cardPolicy, cardStyles, listCardDocument, type Theme } from "./card.js";

/** A colour per stance, for the bar beside its word: one from the light and dark palettes alike. */
const stanceColours: Record<(typeof stances)[number], string> = {
  demands: "#c2410c",
  proposes: "#2563eb",
  accepts: "#15803d",
  conditions: "#a16207",
  rejects: "#b91c1c",
};

const css = `${cardStyles}
.card{max-width:none}
table{border-collapse:collapse;width:100%;font-size:14px}
caption{text-align:left;color:var(--muted);font-size:13px;padding-bottom:6px}
th,td{border:1px solid var(--rule);padding:6px 8px;vertical-align:top;text-align:left}
thead th{font-size:13px}
td .stance{font-weight:600;display:block}
td .when,td .what{display:block;color:var(--muted);font-size:13px}
td.none{color:var(--muted)}
${stances.map((stance) => `td.${stance}{box-shadow:inset 4px 0 0 ${stanceColours[stance]}}`).join("\n")}`;

export const matrixCardPolicy = cardPolicy(css);

export function renderMatrixCard(matrix: PositionMatrix, options: { theme: Theme; baseUrl: string }): string {
  const { baseUrl } = options;
  const names = matrix.actors.map((actor) => actor.name).join(", ");
  const title = `Positions: ${names}`;
  const header = matrix.actors
    .map(
      (actor) =>
        `<th scope="col"><a href="${escapeHtml(`${baseUrl}/actors/${actor.id}`)}" target="_top">${escapeHtml(actor.name)}</a></th>`,
    )
    .join("");
  const rows = matrix.rows
    .map((row) => {
      const cells = row.cells
        .map((cell) => {
          const latest = cell?.history[0];
          if (!cell || !latest) return `<td class="none">No position</td>`;
          const earlier = cell.positionCount > 1 ? ` (${cell.positionCount} positions)` : "";
          return `<td class="${cell.stance}"><span class="stance">${cell.stance}</span><span class="when">${timeOf(latest.date)}${earlier}</span><span class="what">${escapeHtml(latest.summary)}</span></td>`;
        })
        .join("");
      return `<tr><th scope="row">${escapeHtml(row.issue.title)}</th>${cells}</tr>`;
    })
    .join("\n");
  const data = `${baseUrl}/v1/positions/matrix?actors=${matrix.actors.map((actor) => encodeURIComponent(actor.id)).join(",")}`;
  const table = `<table>
<caption>Each actor's latest stance on each issue, with its date and what it wanted, offered or refused.</caption>
<thead><tr><th scope="col">Issue</th>${header}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return listCardDocument({
    theme: options.theme,
    title,
    canonical: data,
    css,
    label: "Negotiation positions",
    body: matrix.rows.length > 0 ? table : `<p class="summary">None of them has taken a position yet.</p>`,
    footer: `${matrix.page.nextCursor !== null ? "The first issues are shown. " : ""}<a href="${escapeHtml(data)}" target="_blank" rel="noopener noreferrer">The data behind this card, with each position's history and evidence</a>`,
  });
}
