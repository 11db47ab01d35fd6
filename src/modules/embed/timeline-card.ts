// The timeline as a card for an <iframe>: the entries in date order on a
// vertical line, each date as precise as its source says ("April 2025"), each
// event's title and each claim's text a link to its page in the site, each
// position its actor's stance on its issue. The card's own styles and rules:
// no script, nothing loaded, framable anywhere.
import { escapeHtml } from "../../http/html.js";
import { periodOf } from "../pages/fragments.js";
import type { TimelineEntry } from "../timeline/schemas.js";
import { cardPolicy, cardStyles, listCardDocument, type Theme } from "./card.js";

const css = `${cardStyles}
ol.timeline{margin:8px 0 0;padding:0 0 0 16px;list-style:none;border-left:2px solid var(--rule)}
ol.timeline li{position:relative;padding:0 0 12px 10px;border:0;border-radius:0;font-size:15px}
ol.timeline li::before{content:"";position:absolute;left:-23px;top:7px;width:10px;height:10px;border-radius:50%;background:var(--accent)}
ol.timeline .when{display:block;color:var(--muted);font-size:13px}
ol.timeline .who{display:block;color:var(--muted);font-size:13px}
ol.timeline li.position::before,ol.timeline li.claim::before{background:var(--muted)}`;

export const timelineCardPolicy = cardPolicy(css);

// A one-day span is said as its day.
const when = (date: string, endDate: string | null = null) =>
  `<span class="when">${periodOf(date, endDate !== date ? endDate : null)}</span>`;

function entryItem(entry: TimelineEntry, baseUrl: string): string {
  if (entry.type === "claim") {
    const link = `<a href="${escapeHtml(`${baseUrl}/claims/${entry.id}`)}" target="_top">${escapeHtml(entry.text)}</a>`;
    return `<li class="claim">${when(entry.date)}${link}${entry.speaker ? `<span class="who">${escapeHtml(entry.speaker.name)}</span>` : ""}</li>`;
  }
  if (entry.type === "position") {
    const actor = `<a href="${escapeHtml(`${baseUrl}/actors/${entry.actor.id}`)}" target="_top">${escapeHtml(entry.actor.name)}</a>`;
    return `<li class="position">${when(entry.date)}${actor} ${entry.stance}: ${escapeHtml(entry.summary)}<span class="who">On ${escapeHtml(entry.issue.title)}</span></li>`;
  }
  const who = entry.participants.map((p) => p.actor.name).join(", ");
  return `<li>${when(entry.date, entry.endDate)}<a href="${escapeHtml(`${baseUrl}/events/${entry.id}`)}" target="_top">${escapeHtml(entry.title)}</a>${who ? `<span class="who">${escapeHtml(who)}</span>` : ""}</li>`;
}

export function renderTimelineCard(
  entries: TimelineEntry[],
  options: {
    theme: Theme;
    baseUrl: string;
    actor?: { id: string; name: string } | undefined;
    issue?: { id: string; title: string } | undefined;
    more: boolean;
  },
): string {
  const { baseUrl, actor, issue } = options;
  const about = [actor?.name, issue && (actor ? `on ${issue.title}` : issue.title)].filter(Boolean).join(" ");
  const title = about ? `Timeline: ${about}` : "Timeline";
  const items = entries.map((entry) => entryItem(entry, baseUrl)).join("\n");
  const filters = new URLSearchParams({
    ...(actor ? { actor: actor.id } : {}),
    ...(issue ? { issue: issue.id } : {}),
  }).toString();
  const data = `${baseUrl}/v1/timeline${filters ? `?${filters}` : ""}`;
  const more = actor ? `${baseUrl}/actors/${actor.id}` : `${baseUrl}/`;
  return listCardDocument({
    theme: options.theme,
    title,
    canonical: data,
    css,
    label: "Timeline",
    body: entries.length > 0 ? `<ol class="timeline">${items}</ol>` : `<p class="summary">Nothing dated yet.</p>`,
    footer: `${options.more ? "The first entries are shown. " : ""}<a href="${escapeHtml(more)}" target="_top">Read more in the knowledge base</a> · <a href="${escapeHtml(data)}" target="_blank" rel="noopener noreferrer">The data behind this card</a>`,
  });
}
