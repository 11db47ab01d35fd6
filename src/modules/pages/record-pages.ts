// A page for each kind of record: what it is, what it links to (each a link
// to its own page), how many sources state it, and the passages it rests on.
import { escapeHtml } from "../../http/html.js";
import type { Actor } from "../actors/schemas.js";
import type { Claim } from "../claims/schemas.js";
import type { Event } from "../events/schemas.js";
import type { Implication } from "../implications/schemas.js";
import type { TimelineEntry } from "../timeline/schemas.js";
import {
  actorChips,
  capitalise,
  externalLink,
  link,
  moreNote,
  pagePath,
  periodOf,
  provenance,
  quotes,
  recordList,
} from "./fragments.js";

/** A list of an actor's records, as the API pages it: the first page, and whether there is more. */
export interface FirstPage<T> {
  data: T[];
  page: { nextCursor: string | null };
}

const facts = (rows: [string, string | undefined][]) => {
  const shown = rows.filter((row): row is [string, string] => Boolean(row[1]));
  return shown.length === 0
    ? ""
    : `<dl class="facts">${shown.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join("")}</dl>`;
};

const header = (label: string, title: string, lead?: string) =>
  `<p class="label">${escapeHtml(label)}</p>\n<h1>${escapeHtml(title)}</h1>\n${lead ? `<p class="lead">${escapeHtml(lead)}</p>` : ""}`;

const section = (id: string, title: string, body: string) =>
  `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)}</h2>\n${body}\n</section>`;

/** Items grouped under a heading per key, in the order the keys first appear in `order`. */
function grouped<T>(items: T[], keyOf: (item: T) => string, order: string[], render: (items: T[]) => string) {
  return order
    .filter((key) => items.some((item) => keyOf(item) === key))
    .map((key) => `<h3>${escapeHtml(key)}</h3>\n${render(items.filter((item) => keyOf(item) === key))}`)
    .join("\n");
}

const claimItem = (c: { id: string; kind: string; text: string; speaker?: Claim["speaker"] }) => ({
  href: pagePath("claims", c.id),
  title: c.text,
  label: [capitalise(c.kind), c.speaker ? `by ${c.speaker.name}` : undefined].filter(Boolean).join(" · "),
});

export function actorPage(
  actor: Actor,
  lists: { implications: FirstPage<Implication>; claims: FirstPage<Claim>; events: FirstPage<TimelineEntry> },
) {
  const json = `/v1/actors/${actor.id}`;
  const roleOf = (i: Implication) =>
    i.actors.find((a) => a.actor.id === actor.id)?.role === "subject" ? "For this actor" : "Also bearing on it";
  const implications = grouped(lists.implications.data, roleOf, ["For this actor", "Also bearing on it"], (items) =>
    recordList(
      items.map((i) => ({
        href: pagePath("implications", i.id),
        title: i.title,
        label: capitalise(i.kind),
        text: i.summary,
      })),
    ),
  );
  const claimKinds = ["position", "statement", "fact", "assessment", "reason"];
  const claims = grouped(
    lists.claims.data,
    (c) => capitalise(c.kind),
    claimKinds.map(capitalise),
    (items) => recordList(items.map(claimItem)),
  );
  const events = lists.events.data.map((e) => {
    if (e.type === "claim")
      return `<li><span class="when">${periodOf(e.date, null)}</span>${link(pagePath("claims", e.id), e.text)}</li>`;
    if (e.type === "position")
      return `<li><span class="when">${periodOf(e.date, null)}</span>${capitalise(e.stance)}: ${escapeHtml(e.summary)} <span class="muted">(${escapeHtml(e.issue.title)})</span></li>`;
    const role = e.participants.find((p) => p.actor.id === actor.id)?.role;
    return `<li><span class="when">${periodOf(e.date, e.endDate)}</span>${link(pagePath("events", e.id), e.title)}${role ? ` <span class="muted">(${escapeHtml(role)})</span>` : ""}</li>`;
  });
  const main = [
    header([capitalise(actor.kind), actor.role].filter(Boolean).join(" · "), actor.name, actor.description),
    facts([
      ["Also known as", actor.aliases.length > 0 ? escapeHtml(actor.aliases.join(", ")) : undefined],
      ["Acts for", actor.actsFor ? link(pagePath("actors", actor.actsFor.id), actor.actsFor.name) : undefined],
      ["Acting for it", actor.members.length > 0 ? actorChips(actor.members) : undefined],
      [
        "Wikidata",
        actor.wikidataId
          ? externalLink(`https://www.wikidata.org/wiki/${actor.wikidataId}`, actor.wikidataId)
          : undefined,
      ],
      ["ISO 3166 code", actor.iso3 ? escapeHtml(actor.iso3) : undefined],
    ]),
    provenance(actor),
    section(
      "implications",
      "Implications",
      (implications || `<p class="muted">None.</p>`) +
        moreNote(lists.implications.data.length, lists.implications.page.nextCursor, `${json}/implications`),
    ),
    section(
      "claims",
      "Claims by or about it",
      (claims || `<p class="muted">None.</p>`) +
        moreNote(lists.claims.data.length, lists.claims.page.nextCursor, `${json}/claims`),
    ),
    section(
      "events",
      "Its timeline: events, dated claims and positions",
      (events.length > 0 ? `<ol class="timeline">${events.join("\n")}</ol>` : `<p class="muted">None.</p>`) +
        moreNote(lists.events.data.length, lists.events.page.nextCursor, `/v1/timeline?actor=${actor.id}`),
    ),
    section("evidence", "In the sources' words", quotes(actor.evidence)),
  ];
  return { title: actor.name, description: actor.description, json, main: main.join("\n") };
}

export function implicationPage(implication: Implication) {
  const subjects = implication.actors.filter((a) => a.role === "subject").map((a) => a.actor);
  const involved = implication.actors.filter((a) => a.role !== "subject").map((a) => a.actor);
  const main = [
    header(
      `${capitalise(implication.kind)}${subjects.length > 0 ? ` for ${subjects.map((a) => a.name).join(", ")}` : ""}`,
      implication.title,
      implication.summary,
    ),
    facts([
      ["For", subjects.length > 0 ? actorChips(subjects) : undefined],
      ["Also involves", involved.length > 0 ? actorChips(involved) : undefined],
      [
        "How likely",
        implication.hedge
          ? `${escapeHtml(capitalise(implication.likelihood.replaceAll("-", " ")))} <span class="muted">(the source says “${escapeHtml(implication.hedge)}”)</span>`
          : "The source does not say",
      ],
      ["When", implication.horizon ? `“${escapeHtml(implication.horizon)}”` : undefined],
    ]),
    provenance(implication),
    section("evidence", "In the sources' words", quotes(implication.evidence)),
    section("claims", "The claims it rests on", recordList(implication.claims.map(claimItem))),
  ];
  return {
    title: implication.title,
    description: implication.summary,
    json: `/v1/implications/${implication.id}`,
    main: main.join("\n"),
  };
}

export function claimPage(claim: Claim) {
  const main = [
    header(claimItem(claim).label, claim.text),
    facts([
      ["Said or held by", claim.speaker ? link(pagePath("actors", claim.speaker.id), claim.speaker.name) : undefined],
      ["About", claim.about.length > 0 ? actorChips(claim.about) : undefined],
      [
        "Figure",
        claim.figure ? escapeHtml(`${claim.figure.value.toLocaleString("en")} ${claim.figure.unit}`) : undefined,
      ],
    ]),
    provenance(claim),
    section("evidence", "In the sources' words", quotes(claim.evidence)),
    section(
      "implications",
      "Implications it supports",
      recordList(
        claim.implications.map((i) => ({
          href: pagePath("implications", i.id),
          title: i.title,
          label: capitalise(i.kind),
        })),
      ),
    ),
  ];
  return { title: claim.text, description: claim.text, json: `/v1/claims/${claim.id}`, main: main.join("\n") };
}

export function eventPage(event: Event) {
  const main = [
    header("Event", event.title, event.summary),
    facts([
      ["When", periodOf(event.date, event.endDate)],
      ["Where", event.location ? escapeHtml(event.location) : undefined],
      [
        "Who took part",
        event.participants.length > 0
          ? actorChips(event.participants.map((p) => ({ ...p.actor, role: p.role })))
          : undefined,
      ],
    ]),
    provenance(event),
    section("evidence", "In the sources' words", quotes(event.evidence)),
  ];
  return { title: event.title, description: event.summary, json: `/v1/events/${event.id}`, main: main.join("\n") };
}
