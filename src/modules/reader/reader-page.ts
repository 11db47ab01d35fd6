// A document as a reader page: its text with every evidence passage
// highlighted (a colour per record type, a legend), each highlight a link to
// its record's card beside the text (shown on click, named on hover), and the
// share of its sentences some record cites. Styles only, allowed by their
// hash: the page loads nothing and runs no script, like the cards.
import { createHash } from "node:crypto";
import { documentStructure } from "../../drafting/document-structure.js";
import { escapeHtml } from "../../http/html.js";

const readerRecordTypes = ["actor", "event", "claim", "implication", "source"] as const;
export type ReaderRecordType = (typeof readerRecordTypes)[number];

export interface ReaderRecord {
  type: ReaderRecordType;
  id: string;
  /** What the card's first line says: "Claim · statement". */
  label: string;
  title: string;
  summary?: string | undefined;
  /** Where the record's data is (`/v1/claims/…`), for a stored record. */
  href?: string | undefined;
  /** For a draft's record: the rule that proposed it, what it matched, how sure it is. */
  draft?: { rule: string; matchedVia: string; confidence: number } | undefined;
}

export interface ReaderPassage {
  /** UTF-16 offsets in the text. */
  start: number;
  end: number;
  record: string;
  /** The id of the place it starts (`passageAnchor`), for a stored passage: quotes link to it. */
  anchor?: string | undefined;
}

/** The anchor of a stored passage, from its start in the API's offsets (code points): the same on every page showing the text. */
export const passageAnchor = (start: number) => `at-${start}`;

export interface ReaderDocument {
  title: string;
  /** "Stored document", "Draft, not imported". */
  status: string;
  text: string;
  records: Map<string, ReaderRecord>;
  passages: ReaderPassage[];
}

const typeNames: Record<ReaderRecordType, string> = {
  actor: "Actor",
  event: "Event",
  claim: "Claim",
  implication: "Implication",
  source: "Cited source",
};

const css = `:root{--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--rule:#d0d7de;--accent:#0a5cc2;--actor:#ddebff;--actor-edge:#3b82f6;--event:#fff1c2;--event-edge:#d49b00;--claim:#dcf5e3;--claim-edge:#2f9e57;--implication:#f6e0ff;--implication-edge:#9b4dca;--source:#ffe3dc;--source-edge:#d9583b;color-scheme:light}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--rule:#30363d;--accent:#6cb6ff;--actor:#13315c;--event:#4a3a06;--claim:#143d24;--implication:#3d1c4f;--source:#4d1f14;color-scheme:dark}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{padding:16px 24px;border-bottom:1px solid var(--rule)}
h1{margin:0 0 4px;font-size:22px;line-height:1.3}
.status,.coverage{margin:0;color:var(--muted);font-size:14px}
.coverage strong{color:var(--fg)}
.legend{display:flex;flex-wrap:wrap;gap:8px 16px;margin:10px 0 0;padding:0;list-style:none;font-size:14px}
.legend li{display:flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:14px;height:14px;border-radius:3px;border-bottom:3px solid}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:24px;padding:16px 24px}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
.text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;max-width:75ch}
.hl{color:inherit;text-decoration:none;border-radius:2px;border-bottom:2px solid}
.hl:hover,.hl:focus{outline:2px solid var(--accent);outline-offset:1px}
.hl.many{border-bottom-style:double;border-bottom-width:4px}
.actor{background:var(--actor);border-color:var(--actor-edge)}
.event{background:var(--event);border-color:var(--event-edge)}
.claim{background:var(--claim);border-color:var(--claim-edge)}
.implication{background:var(--implication);border-color:var(--implication-edge)}
.source{background:var(--source);border-color:var(--source-edge)}
aside{position:sticky;top:16px;align-self:start;max-height:calc(100vh - 32px);overflow:auto}
.hint{color:var(--muted);font-size:14px;margin:0}
.card{display:none;padding:14px 16px;border:1px solid var(--rule);border-left-width:6px;border-radius:8px;background:var(--bg)}
.card:target{display:block}
aside:has(.card:target) .hint{display:none}
.card .label{margin:0;color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em}
.card h2{margin:4px 0 8px;font-size:17px;line-height:1.35}
.card p{margin:0 0 8px}
.card dl{margin:8px 0 0;font-size:13px;color:var(--muted);display:grid;grid-template-columns:auto 1fr;gap:2px 8px}
.card dd{margin:0;color:var(--fg)}
a{color:var(--accent)}`;

const styleHash = `'sha256-${createHash("sha256").update(css).digest("base64")}'`;

/** The Content-Security-Policy of a reader page: its own styles, nothing else. */
export const readerPolicyDirectives = {
  defaultSrc: ["'none'"],
  styleSrc: [styleHash],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'self'"],
};

/** The same policy in the page itself, for a preview opened from a file (a meta policy cannot name frame ancestors). */
const metaPolicy = `default-src 'none'; style-src ${styleHash}; base-uri 'none'; form-action 'none'`;

const anchorOf = (record: ReaderRecord) => `${record.type}-${record.id}`;

/** How many of the text's sentences some passage overlaps, and how many sentences there are. */
export function coverageOf(text: string, passages: ReaderPassage[]): { cited: number; sentences: number } {
  const sentences = documentStructure(text).sentences;
  const starts = passages.map((p) => p.start).sort((a, b) => a - b);
  const byStart = [...passages].sort((a, b) => a.start - b.start);
  // The furthest any of the first k passages (by start) reaches: a sentence is cited when one starting before its end reaches past its start.
  const reach: number[] = [];
  for (const p of byStart) reach.push(Math.max(reach.at(-1) ?? 0, p.end));
  let cited = 0;
  for (const sentence of sentences) {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((starts[middle] as number) < sentence.end) low = middle + 1;
      else high = middle;
    }
    if (low > 0 && (reach[low - 1] as number) > sentence.start) cited++;
  }
  return { cited, sentences: sentences.length };
}

interface Piece {
  from: number;
  text: string;
  covering: ReaderPassage[];
}

/** The text cut where any passage starts or ends, each piece with the records whose passages cover it. */
function pieces(document: ReaderDocument): Piece[] {
  const bounds = new Set([0, document.text.length]);
  for (const p of document.passages) {
    bounds.add(p.start);
    bounds.add(p.end);
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  const starting = [...document.passages].sort((a, b) => a.start - b.start);
  const open: ReaderPassage[] = [];
  let next = 0;
  const result: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    while (next < starting.length && (starting[next] as ReaderPassage).start <= from)
      open.push(starting[next++] as ReaderPassage);
    for (let j = open.length - 1; j >= 0; j--) if ((open[j] as ReaderPassage).end <= from) open.splice(j, 1);
    result.push({ from, text: document.text.slice(from, to), covering: [...open] });
  }
  return result;
}

function highlight(document: ReaderDocument, piece: Piece, hrefOf: (record: ReaderRecord) => string): string {
  const text = escapeHtml(piece.text);
  // The shortest passage is the most particular record: it is the one linked; the others are named on hover.
  // Of passages as long, an actor's (the sentence that first names it) is linked last.
  const ordered = [...piece.covering].sort(
    (a, b) =>
      a.end - a.start - (b.end - b.start) ||
      Number(a.record.startsWith("actor/")) - Number(b.record.startsWith("actor/")),
  );
  const records = [...new Set(ordered.map((p) => p.record))].flatMap((id) => document.records.get(id) ?? []);
  const [first] = records;
  if (!first) return text;
  const names = records.map((r) => `${typeNames[r.type]}: ${r.title}`).join("\n");
  const anchor = piece.covering.find((p) => p.start === piece.from && p.anchor)?.anchor;
  return `<a class="hl ${first.type}${records.length > 1 ? " many" : ""}"${anchor ? ` id="${escapeHtml(anchor)}"` : ""} href="${escapeHtml(hrefOf(first))}" title="${escapeHtml(names)}">${text}</a>`;
}

/** The document's text as HTML, each passage a link (to `hrefOf` its most particular record), each stored one with its anchor. */
export function markedText(document: ReaderDocument, hrefOf: (record: ReaderRecord) => string): string {
  return pieces(document)
    .map((piece) => highlight(document, piece, hrefOf))
    .join("");
}

function card(record: ReaderRecord, citations: number): string {
  const details = [
    ["Id", escapeHtml(record.id)],
    ["Passages here", String(citations)],
    ...(record.draft
      ? [
          ["Drafted by", escapeHtml(record.draft.rule)],
          ["Matched", `“${escapeHtml(record.draft.matchedVia)}”`],
          ["Confidence", `${Math.round(record.draft.confidence * 100)}%`],
        ]
      : []),
    ...(record.href ? [["Data", `<a href="${escapeHtml(record.href)}">${escapeHtml(record.href)}</a>`]] : []),
  ];
  return `<article class="card ${record.type}" id="${escapeHtml(anchorOf(record))}" aria-labelledby="${escapeHtml(anchorOf(record))}-title">
<p class="label">${escapeHtml(record.label)}</p>
<h2 id="${escapeHtml(anchorOf(record))}-title">${escapeHtml(record.title)}</h2>
${record.summary && record.summary !== record.title ? `<p>${escapeHtml(record.summary)}</p>` : ""}
<dl>${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>
</article>`;
}

export function renderReaderPage(document: ReaderDocument): string {
  const { cited, sentences } = coverageOf(document.text, document.passages);
  const share = sentences === 0 ? 0 : Math.round((cited / sentences) * 100);
  const citations = new Map<string, number>();
  for (const p of document.passages) citations.set(p.record, (citations.get(p.record) ?? 0) + 1);
  const citedRecords = [...document.records.values()].filter((r) => citations.has(keyOf(r)));
  const types = readerRecordTypes.filter((type) => citedRecords.some((r) => r.type === type));
  const legend = types
    .map((type) => {
      const count = citedRecords.filter((r) => r.type === type).length;
      return `<li><span class="swatch ${type}" aria-hidden="true"></span>${typeNames[type]} (${count})</li>`;
    })
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${metaPolicy}">
<title>${escapeHtml(document.title)} · Reader · Geopolitical Knowledge Base</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>${escapeHtml(document.title)}</h1>
<p class="status">${escapeHtml(document.status)}</p>
<p class="coverage" id="coverage"><strong>${share}%</strong> of its ${sentences} sentences cited by some record (${cited} cited); ${document.passages.length} highlighted passages, ${citedRecords.length} records.</p>
<ul class="legend" aria-label="Highlight colours">${legend}</ul>
</header>
<div class="layout">
<main><pre class="text">${markedText(document, (record) => `#${anchorOf(record)}`)}</pre></main>
<aside aria-label="Records">
<p class="hint">Select a highlighted passage to see its record here; hover over one to see which records cite it.</p>
${citedRecords.map((r) => card(r, citations.get(keyOf(r)) ?? 0)).join("\n")}
</aside>
</div>
</body>
</html>
`;
}

/** A record's key in a reader document's `records` and its passages' `record`. */
export const keyOf = (record: Pick<ReaderRecord, "type" | "id">) => `${record.type}/${record.id}`;
