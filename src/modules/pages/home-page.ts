// The front door: what the knowledge base is, how much it holds, its actors,
// its latest documents, and the ways into the API.
import { escapeHtml } from "../../http/html.js";
import type { Actor } from "../actors/schemas.js";
import { capitalise, link, moreNote, pagePath, recordList } from "./fragments.js";
import { siteName } from "./layout.js";

export interface HomeContent {
  counts: { actors: number; events: number; claims: number; implications: number; sources: number };
  actors: { data: Actor[]; page: { nextCursor: string | null } };
  /** The documents whose text is stored, the most recently changed first. */
  documents: { id: string; title: string; publisher: string | null; updatedAt: Date }[];
}

export function homePage(content: HomeContent) {
  const counts = Object.entries(content.counts)
    .map(([name, count]) => `<div><dt>${capitalise(name)}</dt><dd>${count.toLocaleString("en")}</dd></div>`)
    .join("");
  const actors = content.actors.data
    .map(
      (a) =>
        `<li>${link(pagePath("actors", a.id), a.name)}<br><span class="muted">${escapeHtml([capitalise(a.kind), a.role].filter(Boolean).join(" · "))}</span></li>`,
    )
    .join("\n");
  const documents = recordList(
    content.documents.map((d) => ({
      href: pagePath("sources", d.id),
      title: d.title,
      label: [d.publisher, `updated ${d.updatedAt.toISOString().slice(0, 10)}`].filter(Boolean).join(" · "),
    })),
    "No document yet.",
  );
  const main = `<h1>${siteName}</h1>
<p class="lead">Structured, sourced, queryable analysis of the 2025 US threat to withdraw from the Russia-Ukraine peace talks: the actors, events, claims and implications its sources draw, each with the verbatim passage it rests on.</p>
<dl class="counts" aria-label="What it holds">${counts}</dl>
<section aria-labelledby="actors"><h2 id="actors">Actors</h2>
<ul class="grid">${actors}</ul>
${moreNote(content.actors.data.length, content.actors.page.nextCursor, "/v1/actors")}
</section>
<section aria-labelledby="documents"><h2 id="documents">Latest documents</h2>
${documents}
</section>
<section aria-labelledby="build"><h2 id="build">Build on it</h2>
<ul>
<li>${link("/docs", "The API's interactive documentation")}: every endpoint under <code>/v1</code>, tried in the browser.</li>
<li>${link("/openapi.json", "The OpenAPI 3.1 document")}, to generate a client.</li>
<li>${link("/docs#/Embedding", "Embedding")}: cards for an iframe, a web component and oEmbed for any record.</li>
</ul>
</section>`;
  return {
    title: siteName,
    description:
      "A knowledge base of the 2025 US threat to leave the Russia-Ukraine peace talks, sourced passage by passage.",
    json: "/v1/actors",
    main,
  };
}
