// The search page: the API's hits with their snippets, the facets as links
// that narrow the search, and the next page.

import type { z } from "zod";
import { escapeHtml } from "../../http/html.js";
import type { SearchResults } from "../search/schemas.js";
import { capitalise, link, type PageType, pagePath, recordList } from "./fragments.js";

export interface SearchPageQuery {
  q?: string | undefined;
  type?: string | undefined;
  actor?: string | undefined;
  cursor?: string | undefined;
}

type Results = z.infer<typeof SearchResults>;

const searchHref = (query: SearchPageQuery) => {
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  return `/search?${params}`;
};

/** A facet's values with their counts; those with an `href` narrow the search to them. */
const facetList = (label: string, items: { href?: string; text: string; count: number; current?: boolean }[]) =>
  items.length === 0
    ? ""
    : `<h3>${escapeHtml(label)}</h3><ul class="chips">${items
        .map(
          (item) =>
            `<li>${item.current ? `<strong aria-current="true">${escapeHtml(item.text)}</strong>` : item.href ? link(item.href, item.text) : escapeHtml(item.text)} <span class="muted">${item.count}</span></li>`,
        )
        .join("")}</ul>`;

export function searchPage(query: SearchPageQuery, results: Results | undefined) {
  const title = query.q ? `Search: ${query.q}` : "Search";
  if (!results || !query.q) {
    return {
      title,
      query: query.q,
      main: `<h1>Search</h1><p class="lead">Names in any common spelling, a typo forgiven, <code>"a phrase"</code>, <code>-word</code> to leave out, <code>a OR b</code>.</p>`,
    };
  }
  const base = { q: query.q };
  const facets = results.facets ?? {};
  const narrowing = [
    facetList(
      "Type",
      (facets.type ?? []).map((f) => ({
        href: searchHref({ ...base, type: f.value, actor: query.actor }),
        text: capitalise(f.value),
        count: f.count,
        current: f.value === query.type,
      })),
    ),
    facetList(
      "Kind",
      (facets.kind ?? []).map((f) => ({ text: `${capitalise(f.type)} · ${f.value}`, count: f.count })),
    ),
    facetList(
      "Actor",
      (facets.actor ?? []).map((f) => ({
        href: searchHref({ ...base, type: query.type, actor: f.id }),
        text: f.name,
        count: f.count,
        current: f.id === query.actor,
      })),
    ),
  ].join("\n");
  const narrowed = query.type || query.actor ? ` ${link(searchHref(base), "Show every match")}.` : "";
  const next = results.page.nextCursor
    ? `<nav aria-label="More results"><p>${link(searchHref({ ...query, cursor: results.page.nextCursor }), "Next results")}</p></nav>`
    : "";
  const main = `<h1>Search: ${escapeHtml(query.q)}</h1>
<p class="muted">${results.matches.ranked.toLocaleString("en")} record${results.matches.ranked === 1 ? "" : "s"} match, ${results.matches.complete.toLocaleString("en")} of them every word.${narrowed}</p>
${narrowing ? `<section aria-labelledby="facets"><h2 id="facets">Narrow it</h2>${narrowing}</section>` : ""}
<section aria-labelledby="hits"><h2 id="hits">Results</h2>
${recordList(
  results.data.map((hit) => ({
    href: pagePath(`${hit.type}s` as PageType, hit.id),
    title: hit.title,
    label: capitalise(hit.type),
    html: hit.snippet,
  })),
  "Nothing matches. Try fewer words or another spelling.",
)}
${next}
</section>`;
  return { title, query: query.q, main, json: `/v1/search?${new URLSearchParams({ q: query.q })}` };
}
