// A record as a small, self-contained, accessible HTML card for an <iframe>:
// inline styles only (allowed by their hash, nothing else may load or run),
// light and dark themes, every piece of text escaped, the record's JSON-LD
// embedded, and an oEmbed discovery link.
import { createHash } from "node:crypto";
import type { HelmetOptions } from "helmet";
import { escapeHtml } from "../../http/html.js";
import type { CardContent } from "./card-content.js";

export const themes = ["light", "dark", "auto"] as const;
export type Theme = (typeof themes)[number];

const palette = {
  light: "--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--rule:#d0d7de;--accent:#0a5cc2;--quote:#f6f8fa",
  dark: "--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--rule:#30363d;--accent:#6cb6ff;--quote:#161b22",
};

const css = `:root{${palette.light};color-scheme:light}
:root[data-theme=dark]{${palette.dark};color-scheme:dark}
@media (prefers-color-scheme:dark){:root[data-theme=auto]{${palette.dark};color-scheme:dark}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.card{padding:16px 18px;border:1px solid var(--rule);border-radius:10px;max-width:640px}
.label{margin:0;color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em}
h1{margin:4px 0 8px;font-size:19px;line-height:1.3}
h2{margin:14px 0 6px;font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.summary{margin:0}
ul{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px}
li{border:1px solid var(--rule);border-radius:999px;padding:1px 10px;font-size:13px}
li span{color:var(--muted)}
figure{margin:0 0 10px;padding:8px 12px;background:var(--quote);border-left:3px solid var(--accent);border-radius:4px}
blockquote,blockquote p{margin:0}
figcaption{margin-top:4px;color:var(--muted);font-size:13px}
.sources{margin:10px 0 0;color:var(--muted);font-size:13px}
.disagreements li{border-radius:6px;display:block}
a{color:var(--accent)}
footer{margin-top:12px;font-size:13px}`;

export const cardStyles = css;

/**
 * Helmet's options for a card whose styles are `styles`: an HTML document with
 * helmet's full set, framable by anyone, loading nothing but those inline
 * styles (allowed by their hash) and running nothing.
 */
export function cardPolicy(styles: string): HelmetOptions {
  return {
    xFrameOptions: false,
    crossOriginResourcePolicy: { policy: "cross-origin" },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: [`'sha256-${createHash("sha256").update(styles).digest("base64")}'`],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["*"],
      },
    },
  };
}

export const recordCardPolicy = cardPolicy(css);

/**
 * The document of a card listing many records (the timeline, the matrix):
 * its title, canonical link to the data behind it, styles, label and body,
 * and a footer. Every value but `css`, `body` and `footer` is text, escaped here.
 */
export function listCardDocument(card: {
  theme: Theme;
  title: string;
  canonical: string;
  css: string;
  label: string;
  body: string;
  footer: string;
}): string {
  return `<!doctype html>
<html lang="en" data-theme="${card.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(card.title)} · Geopolitical Knowledge Base</title>
<link rel="canonical" href="${escapeHtml(card.canonical)}">
<style>${card.css}</style>
</head>
<body>
<article class="card" aria-labelledby="title">
<p class="label">${escapeHtml(card.label)}</p>
<h1 id="title">${escapeHtml(card.title)}</h1>
${card.body}
<footer>${card.footer}</footer>
</article>
</body>
</html>
`;
}

export function renderCard(
  card: CardContent,
  options: { theme: Theme; baseUrl: string; jsonLd: Record<string, unknown> },
): string {
  const { baseUrl } = options;
  const recordUrl = `${baseUrl}/v1/${card.kind}/${card.id}`;
  const oembed = `${baseUrl}/oembed?url=${encodeURIComponent(recordUrl)}&format=json`;
  // Links out of the frame open in the whole window (target=_top): the reader leaves the card for the site.
  const pageUrl = `${baseUrl}/${card.kind}/${card.id}`;
  const actors = card.actors
    .map(
      (a) =>
        `<li><a href="${escapeHtml(`${baseUrl}/actors/${a.id}`)}" target="_top">${escapeHtml(a.name)}</a>${a.role ? ` <span>(${escapeHtml(a.role)})</span>` : ""}</li>`,
    )
    .join("");
  const disagreements = card.disagreements.map((line) => `<li>${escapeHtml(line)}</li>`).join("");
  const quotes = card.quotes
    .map(
      (q) =>
        `<figure><blockquote cite="${escapeHtml(`${baseUrl}/v1/sources/${q.source.id}`)}"><p>${escapeHtml(q.quote)}</p></blockquote><figcaption>— <cite>${escapeHtml(q.source.title)}</cite></figcaption></figure>`,
    )
    .join("");
  // JSON inside <script> must not be able to close it.
  const jsonLd = JSON.stringify(options.jsonLd).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en" data-theme="${options.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(card.title)} · Geopolitical Knowledge Base</title>
<link rel="canonical" href="${escapeHtml(recordUrl)}">
<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembed)}" title="${escapeHtml(card.title)}">
<style>${css}</style>
<script type="application/ld+json">${jsonLd}</script>
</head>
<body>
<article class="card" aria-labelledby="title">
<p class="label">${escapeHtml(card.label)}</p>
<h1 id="title">${escapeHtml(card.title)}</h1>
${card.summary ? `<p class="summary">${escapeHtml(card.summary)}</p>` : ""}
${actors ? `<section aria-labelledby="actors"><h2 id="actors">Actors</h2><ul>${actors}</ul></section>` : ""}
<p class="sources">${escapeHtml(card.sources)}</p>
${disagreements ? `<section aria-labelledby="disagreements"><h2 id="disagreements">Sources disagree</h2><ul class="disagreements">${disagreements}</ul></section>` : ""}
<section aria-labelledby="quotes"><h2 id="quotes">In the source's words</h2>${quotes}</section>
<footer><a href="${escapeHtml(pageUrl)}" target="_top">Read more in the knowledge base</a> · <a href="${escapeHtml(recordUrl)}" target="_blank" rel="noopener noreferrer">The data behind this card</a></footer>
</article>
</body>
</html>
`;
}
