// The pieces pages are built of: links to records' pages, actor chips, quotes
// linked to their place in the source, lists of records, dates as precise as
// their source. Every piece of text is escaped here.
import { escapeHtml } from "../../http/html.js";
import type { Conflict } from "../assertions/schemas.js";
import { passageAnchor } from "../reader/reader-page.js";

/** The record types with a page, by the path segment their pages and the API share. */
export type PageType = "actors" | "events" | "claims" | "implications" | "sources";

export const pagePath = (type: PageType, id: string) => `/${type}/${encodeURIComponent(id)}`;

export const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** A link out of the site, only for the web's own schemes (a stored URL is data, not trusted markup). */
export function externalLink(url: string, text = url): string {
  return /^https?:\/\//i.test(url)
    ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`
    : escapeHtml(text);
}

export const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function actorChips(actors: { id: string; name: string; role?: string | undefined }[]): string {
  if (actors.length === 0) return "";
  const chips = actors.map(
    (a) =>
      `<li>${link(pagePath("actors", a.id), a.name)}${a.role ? ` <span class="muted">(${escapeHtml(a.role)})</span>` : ""}</li>`,
  );
  return `<ul class="chips">${chips.join("")}</ul>`;
}

interface Quote {
  quote: string;
  start: number;
  source: { id: string; title: string };
}

/** The verbatim passages, each linked to where it stands in its source's text. */
export function quotes(evidence: Quote[]): string {
  if (evidence.length === 0) return `<p class="muted">No passage is stored for this record.</p>`;
  return evidence
    .map((q) => {
      const place = `${pagePath("sources", q.source.id)}#${passageAnchor(q.start)}`;
      return `<figure class="quote"><blockquote cite="${escapeHtml(place)}"><p>${escapeHtml(q.quote)}</p></blockquote><figcaption>— <cite>${escapeHtml(q.source.title)}</cite>, ${link(place, "in context")}</figcaption></figure>`;
    })
    .join("\n");
}

/** How many sources state a record, and where they disagree. */
export function provenance(record: { sourceCount: number; conflicts: Conflict[] }): string {
  const shown = (value: Conflict["values"][number]["value"]) =>
    typeof value === "string" ? value : `${value.value.toLocaleString("en")} ${value.unit}`;
  const count = `<p class="muted">Stated by ${record.sourceCount} source${record.sourceCount === 1 ? "" : "s"}.</p>`;
  if (record.conflicts.length === 0) return count;
  const lines = record.conflicts.map(
    (conflict) =>
      `<li>${escapeHtml(capitalise(conflict.field))}: ${conflict.values
        .map(
          (v) => `${escapeHtml(shown(v.value))} (${v.sources.map((s) => link(pagePath("sources", s), s)).join(", ")})`,
        )
        .join(" or ")}</li>`,
  );
  return `${count}<h2>Sources disagree</h2><ul>${lines.join("")}</ul>`;
}

export interface ListedRecord {
  href: string;
  title: string;
  /** A short line above the title: the record's kind, a date. */
  label?: string | undefined;
  text?: string | undefined;
  /** Already HTML (search snippets are escaped with their marks). */
  html?: string | undefined;
}

export function recordList(items: ListedRecord[], empty = "None."): string {
  if (items.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  const rows = items.map(
    (item) =>
      `<li>${item.label ? `<span class="label">${escapeHtml(item.label)}</span><br>` : ""}${link(item.href, item.title)}${item.text ? `<p>${escapeHtml(item.text)}</p>` : ""}${item.html ? `<p class="snippet">${item.html}</p>` : ""}</li>`,
  );
  return `<ul class="records">${rows.join("\n")}</ul>`;
}

const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `2025`, `2025-05` or `2025-05-08` as a reader says it, no more precise than the source: "May 2025", "8 May 2025". */
export function spokenDate(date: string): string {
  const [year, month, day] = date.split("-");
  const monthName = month ? months[Number(month) - 1] : undefined;
  return [day ? String(Number(day)) : undefined, monthName, year].filter(Boolean).join(" ");
}

/** A `<time>` of a partial date, its machine-readable form as precise as the date. */
export const timeOf = (date: string) => `<time datetime="${escapeHtml(date)}">${escapeHtml(spokenDate(date))}</time>`;

/** When something was, from `date` to `endDate` when it spans days. */
export const periodOf = (date: string, endDate: string | null) =>
  endDate ? `${timeOf(date)} to ${timeOf(endDate)}` : timeOf(date);

/** The first of a list, and a line saying where the rest is when the page shows only part of it. */
export function moreNote(shown: number, next: string | null, json: string): string {
  return next ? `<p class="muted">The first ${shown} are shown; ${link(json, "all of them as JSON")}.</p>` : "";
}
