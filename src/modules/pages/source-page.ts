// A source's page: what it is, what it cites and what cites it, where other
// documents name it, and, for a document whose text is stored, the text with
// every passage a record rests on marked, linked to that record's page, and
// anchored so each quote elsewhere links to its place here.
import { escapeHtml } from "../../http/html.js";
import { markedText, type ReaderDocument } from "../reader/reader-page.js";
import type { Source } from "../sources/schemas.js";
import { capitalise, externalLink, link, type PageType, pagePath, quotes } from "./fragments.js";

const sourceLinks = (sources: Source["cites"]) =>
  sources.length === 0
    ? `<p class="muted">None.</p>`
    : `<ul class="chips">${sources.map((s) => `<li>${link(pagePath("sources", s.id), s.title)}</li>`).join("")}</ul>`;

export function sourcePage(source: Source, document: ReaderDocument | undefined) {
  const details = [
    source.publisher ? `<dt>Publisher</dt><dd>${escapeHtml(source.publisher)}</dd>` : "",
    source.url ? `<dt>Address</dt><dd>${externalLink(source.url)}</dd>` : "",
  ].join("");
  const text = document
    ? `<section aria-labelledby="text"><h2 id="text">The text</h2>
<p class="muted">${document.passages.length} passages are marked: each is the evidence of a record, and leads to its page. <span class="actor">Actors</span>, <span class="event">events</span>, <span class="claim">claims</span>, <span class="implication">implications</span> and <span class="source">cited sources</span> have a colour each; ${link(`/read/${source.id}`, "the reader")} shows the records beside the text.</p>
<div class="text">${markedText(document, (record) => pagePath(`${record.type}s` as PageType, record.id))}</div>
</section>`
    : `<p class="muted">The knowledge base does not hold this source's text.</p>`;
  const main = [
    `<p class="label">Source · ${escapeHtml(capitalise(source.kind))}</p>`,
    `<h1>${escapeHtml(source.title)}</h1>`,
    source.description ? `<p class="lead">${escapeHtml(source.description)}</p>` : "",
    details ? `<dl class="facts">${details}</dl>` : "",
    `<section aria-labelledby="cites"><h2 id="cites">Cites</h2>${sourceLinks(source.cites)}</section>`,
    `<section aria-labelledby="cited-by"><h2 id="cited-by">Cited by</h2>${sourceLinks(source.citedBy)}</section>`,
    source.evidence.length > 0
      ? `<section aria-labelledby="named"><h2 id="named">Where documents name it</h2>${quotes(source.evidence)}</section>`
      : "",
    text,
  ];
  return {
    title: source.title,
    description: source.description ?? undefined,
    json: `/v1/sources/${source.id}`,
    main: main.filter(Boolean).join("\n"),
  };
}
