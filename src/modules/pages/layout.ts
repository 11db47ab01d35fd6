// The frame every page of the site shares: its head (title, the record's JSON
// as an alternate, its JSON-LD), a skip link, a header with the search box and
// the links to the API, a main landmark and a footer. Styles are one block
// allowed by its hash, in light and dark; the pages run no script.
import { createHash } from "node:crypto";
import type { HelmetOptions } from "helmet";
import { escapeHtml } from "../../http/html.js";

export const siteName = "Geopolitical Knowledge Base";

const css = `:root{--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--rule:#d0d7de;--accent:#0a5cc2;--panel:#f6f8fa;--mark:#fff1a8;--actor:#ddebff;--actor-edge:#3b82f6;--event:#fff1c2;--event-edge:#b58300;--claim:#dcf5e3;--claim-edge:#2f9e57;--implication:#f6e0ff;--implication-edge:#9b4dca;--source:#ffe3dc;--source-edge:#d9583b;color-scheme:light}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--rule:#30363d;--accent:#6cb6ff;--panel:#161b22;--mark:#5c4b00;--actor:#13315c;--event:#4a3a06;--claim:#143d24;--implication:#3d1c4f;--source:#4d1f14;color-scheme:dark}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:16px;top:8px;background:var(--bg);padding:4px 8px;z-index:1}
.hidden-label{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.site{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding:12px 24px;border-bottom:1px solid var(--rule)}
.site .home{font-weight:600;color:var(--fg);text-decoration:none}
.site nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding:0;list-style:none;font-size:15px}
form.search{display:flex;gap:6px;margin:0}
form.search input{font:inherit;padding:4px 8px;border:1px solid var(--muted);border-radius:6px;background:var(--bg);color:var(--fg);min-width:16em}
form.search button{font:inherit;padding:4px 12px;border:1px solid var(--accent);border-radius:6px;background:var(--accent);color:var(--bg);cursor:pointer}
main{padding:16px 24px 32px;max-width:1100px}
h1{margin:8px 0 4px;font-size:28px;line-height:1.25}
h2{margin:28px 0 8px;font-size:20px;line-height:1.3}
h3{margin:18px 0 6px;font-size:16px}
.label{margin:0;color:var(--muted);font-size:14px;text-transform:uppercase;letter-spacing:.04em}
.muted{color:var(--muted)}
.lead{font-size:18px;max-width:70ch}
ul.records{margin:0;padding:0;list-style:none}
ul.records li{padding:8px 0;border-bottom:1px solid var(--rule)}
ul.records li p{margin:2px 0 0}
ul.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0;list-style:none}
ul.chips li{border:1px solid var(--rule);border-radius:999px;padding:1px 10px;font-size:14px}
ul.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px;margin:0;padding:0;list-style:none}
ul.grid li{border:1px solid var(--rule);border-radius:8px;padding:10px 12px}
ul.grid li a{font-weight:600}
dl.counts{display:flex;flex-wrap:wrap;gap:12px 32px;margin:12px 0}
dl.counts div{display:flex;flex-direction:column-reverse}
dl.counts dt{color:var(--muted);font-size:14px}
dl.counts dd{margin:0;font-size:26px;font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
figure.quote{margin:0 0 10px;padding:8px 12px;background:var(--panel);border-left:3px solid var(--accent);border-radius:4px;max-width:75ch}
figure.quote blockquote,figure.quote blockquote p{margin:0}
figure.quote figcaption{margin-top:4px;color:var(--muted);font-size:14px}
ol.timeline{margin:0;padding:0 0 0 18px;list-style:none;border-left:2px solid var(--rule)}
ol.timeline li{position:relative;padding:0 0 14px 8px}
ol.timeline li::before{content:"";position:absolute;left:-25px;top:8px;width:10px;height:10px;border-radius:50%;background:var(--accent)}
ol.timeline .when{display:block;color:var(--muted);font-size:14px}
.snippet mark{background:var(--mark);color:inherit}
.text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;max-width:75ch}
.hl{color:inherit;text-decoration:none;border-radius:2px;border-bottom:2px solid}
.hl.many{border-bottom-style:double;border-bottom-width:4px}
.hl{scroll-margin-top:30vh}
.hl:target{outline:3px solid var(--accent);outline-offset:2px}
.actor{background:var(--actor);border-color:var(--actor-edge)}
.event{background:var(--event);border-color:var(--event-edge)}
.claim{background:var(--claim);border-color:var(--claim-edge)}
.implication{background:var(--implication);border-color:var(--implication-edge)}
.source{background:var(--source);border-color:var(--source-edge)}
footer.site-foot{padding:16px 24px;border-top:1px solid var(--rule);color:var(--muted);font-size:14px}`;

/** Helmet's headers for HTML, with a Content-Security-Policy allowing the pages' styles and search form, nothing else. */
export const pagePolicy: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: [`'sha256-${createHash("sha256").update(css).digest("base64")}'`],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
};

export interface PageOptions {
  title: string;
  /** The page's main content, already HTML. */
  main: string;
  /** One sentence on what the page shows, for search engines and link previews. */
  description?: string | undefined;
  /** The API's JSON of what the page shows. */
  json?: string | undefined;
  jsonLd?: Record<string, unknown> | undefined;
  /** The words in the header's search box. */
  query?: string | undefined;
}

export function renderPage(options: PageOptions): string {
  // JSON inside <script> must not be able to close it.
  const jsonLd = options.jsonLd
    ? `<script type="application/ld+json">${JSON.stringify(options.jsonLd).replace(/</g, "\\u003c")}</script>\n`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}${options.title === siteName ? "" : ` · ${siteName}`}</title>
${options.description ? `<meta name="description" content="${escapeHtml(options.description)}">\n` : ""}${options.json ? `<link rel="alternate" type="application/json" href="${escapeHtml(options.json)}">\n` : ""}<style>${css}</style>
${jsonLd}</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="site">
<a class="home" href="/">${siteName}</a>
<form class="search" role="search" action="/search" method="get">
<label class="hidden-label" for="site-q">Search the knowledge base</label>
<input id="site-q" type="search" name="q" maxlength="500" value="${escapeHtml(options.query ?? "")}" placeholder="Search: zelensky, ceasefire…">
<button type="submit">Search</button>
</form>
<nav aria-label="The API"><ul>
<li><a href="/docs">API docs</a></li>
<li><a href="/openapi.json">OpenAPI</a></li>
<li><a href="/docs#/Embedding">Embedding</a></li>
</ul></nav>
</header>
<main id="content">
${options.main}
</main>
<footer class="site-foot">Every record is drawn from its sources, in their own words: each quote links to its place in the text.${options.json ? ` <a href="${escapeHtml(options.json)}">This page's data as JSON</a>.` : ""}</footer>
</body>
</html>
`;
}
