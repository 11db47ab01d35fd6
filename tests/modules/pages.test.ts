// The site: the front door, a page per record, the search page and the 404
// page, as HTML on the API's data and cache. Every link between pages leads to
// a page; every quote leads to its place in the source's text; imported text
// is shown inert; errors outside /v1 are pages, inside it problem+json.
import request from "supertest";
import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.js";
import { useTestApp } from "../helpers/api.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { describeEachDatabase } from "../helpers/test-database.js";

const articleId = "us-withdrawal-from-peace-talks-2025";

/** The decoded text of HTML (the pages escape &, <, >, " and ' as numeric references). */
const textOf = (html: string) =>
  html.replace(/<[^>]+>/g, "").replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => textOf(m[1] as string));

describeEachDatabase("the site's pages", (provider) => {
  // A fixed public address: supertest listens on a new port for each request, and pages are cached per address.
  const api = useTestApp(provider, { rateLimit: false, publicUrl: "http://kb.example" });
  let token: string;
  beforeAll(async () => {
    token = (await createApiKey(api.app().db.prisma, "pages test", ["write"])).token;
  });
  const html = async (url: string, status = 200) => {
    const response = await api.get(url).expect(status);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    return response.text;
  };

  it("opens at / with what the knowledge base holds, every actor, the latest documents and the ways into the API", async () => {
    const page = await html("/");
    const db = api.app().db.prisma;
    expect(page).toContain("<title>Geopolitical Knowledge Base</title>");
    for (const [name, count] of [
      ["Actors", await db.actor.count()],
      ["Claims", await db.claim.count()],
      ["Implications", await db.implication.count()],
    ] as const)
      expect(page).toContain(`<dt>${name}</dt><dd>${count}</dd>`);
    for (const actor of await db.actor.findMany({ select: { id: true } }))
      expect(page).toContain(`href="/actors/${actor.id}"`);
    expect(page).toContain(`href="/sources/${articleId}"`);
    for (const link of ["/docs", "/openapi.json", "/docs#/Embedding"]) expect(page).toContain(`href="${link}"`);
    expect(page).toMatch(/<form class="search" role="search" action="\/search" method="get">/);
    expect(page).toMatch(/<main id="content">/);
  });

  it("gives an actor its implications by role, its claims by kind and its timeline in date order", async () => {
    const page = await html("/actors/europe");
    expect(page).toContain("<h1>Europe</h1>");
    const implications = (await api.get("/v1/actors/europe/implications?limit=100").expect(200)).body.data;
    expect(implications.length).toBeGreaterThan(3);
    for (const i of implications) expect(page).toContain(`href="/implications/${i.id}"`);
    expect(page).toContain("<h3>For this actor</h3>");
    const claims = (await api.get("/v1/actors/europe/claims?limit=100").expect(200)).body.data;
    for (const c of claims) expect(page).toContain(`href="/claims/${c.id}"`);
    const ukraine = await html("/actors/ukraine");
    expect(ukraine).toContain("<h3>Position</h3>");
    // In the timeline's order: a month after its days, a year after its months, its positions among its events.
    const entries = (await api.get("/v1/timeline?actor=ukraine&limit=100").expect(200)).body.data as {
      type: string;
      id: string;
      summary: string;
    }[];
    expect(entries.some((e) => e.type === "position")).toBe(true);
    expect(entries.some((e) => e.type === "claim")).toBe(true);
    const timeline = ukraine.slice(ukraine.indexOf('id="events"'));
    const order = entries.map((e) =>
      timeline.indexOf(
        e.type === "position"
          ? e.summary.replaceAll("'", "&#39;")
          : `href="/${e.type === "event" ? "events" : "claims"}/${e.id}"`,
      ),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // A month-precision date is said as the month, not as its first day.
    expect(ukraine).toMatch(/<time datetime="\d{4}-\d{2}">[A-Z][a-z]+ \d{4}<\/time>/);
  });

  it("links every mention of a record to its page, and each page to its JSON and JSON-LD", async () => {
    const seen = new Set<string>(["/"]);
    const queue = ["/"];
    while (queue.length > 0) {
      const url = queue.shift() as string;
      const page = await html(url);
      for (const href of hrefs(page)) {
        const path = href.split("#")[0] as string;
        if (!/^\/(?:$|(actors|events|claims|implications|sources)\/)/.test(path) || seen.has(path)) continue;
        seen.add(path);
        queue.push(path);
      }
      if (url === "/") continue;
      const json = /<link rel="alternate" type="application\/json" href="([^"]+)">/.exec(page)?.[1];
      expect(json, url).toBe(`/v1${url}`);
      await api.get(json as string).expect(200);
      const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1];
      expect(JSON.parse(ld as string)["@id"], url).toMatch(new RegExp(`/v1${url}$`));
    }
    const db = api.app().db.prisma;
    const records = (await db.actor.count()) + (await db.implication.count()) + (await db.claim.count());
    // Every actor, implication and claim of the seed is reached from the front door, with events and sources.
    expect([...seen].filter((url) => /^\/(actors|implications|claims)\//.test(url))).toHaveLength(records);
    expect([...seen].some((url) => url.startsWith("/events/"))).toBe(true);
  });

  it("says how likely an implication is, in its source's words", async () => {
    expect(await html("/implications/scenario-unilateral-ceasefire")).toContain(
      '<dt>How likely</dt><dd>Unlikely <span class="muted">(the source says “makes this unlikely”)</span></dd>',
    );
    expect(await html("/implications/russia-tactical-delays")).toContain(
      "<dt>How likely</dt><dd>The source does not say</dd>",
    );
  });

  it("links each quote to its place in the source's text, where the same words stand", async () => {
    const implication = await html("/implications/europe-increased-responsibility");
    const places = hrefs(implication).filter((href) => href.startsWith(`/sources/${articleId}#at-`));
    const { evidence } = (await api.get("/v1/implications/europe-increased-responsibility").expect(200)).body;
    expect(places).toHaveLength(evidence.length);
    const source = await html(`/sources/${articleId}`);
    for (const quote of evidence as { quote: string; start: number }[]) {
      const anchor = `at-${quote.start}`;
      expect(places).toContain(`/sources/${articleId}#${anchor}`);
      const piece = new RegExp(`<a class="hl [^"]+" id="${anchor}" href="([^"]+)"[^>]*>([^<]*)</a>`).exec(source);
      expect(piece, anchor).not.toBeNull();
      expect(quote.quote.startsWith(textOf(piece?.[2] as string))).toBe(true);
    }
    // The marked text links passages to the records they support.
    expect(source).toContain('href="/implications/europe-increased-responsibility"');
    expect(source).toContain(`href="/read/${articleId}"`);
  });

  it("shows search hits with their snippets and facets that narrow them", async () => {
    const page = await html("/search?q=zelensky");
    expect(page).toContain("<h1>Search: zelensky</h1>");
    expect(page).toContain('href="/actors/volodymyr-zelenskyy"');
    expect(page).toMatch(/<p class="snippet">[^<]*<mark>/);
    expect(page).toContain('href="/search?q=zelensky&#38;type=claim"');
    expect(page).toContain('value="zelensky"');
    const narrowed = await html("/search?q=zelensky&type=claim");
    expect(narrowed).not.toContain('href="/actors/volodymyr-zelenskyy"');
    expect(narrowed).toContain('<strong aria-current="true">Claim</strong>');
    expect(await html("/search")).toContain("<h1>Search</h1>");
    expect(await html("/search?q=")).toContain("<h1>Search</h1>");
    expect(await html("/search?q=qqqqzzzz")).toContain("Nothing matches");
  });

  it("answers what it cannot show with a page and a way back, and the API with problem+json", async () => {
    for (const url of ["/actors/atlantis", "/actors/Not_A_Slug", "/no/such/page", "/claims/x/y"]) {
      const page = await html(url, 404);
      expect(page).toContain('href="/"');
      expect(page).toContain("Error 404");
    }
    for (const url of [
      "/search?q=x&surprise=1",
      "/search?type=planet&q=x",
      `/search?q=${"a".repeat(201)}`,
      "/actors/ukraine?x=1",
    ])
      expect(await html(url, 400)).toContain("Error 400");
    const api404 = await api.get("/v1/no-such-thing").expect(404);
    expect(api404.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const post = await request(api.app().server).post("/").send({}).expect(404);
    expect(post.headers["content-type"]).toMatch(/^application\/problem\+json/);
  });

  it("answers hostile requests with bounded 4xx: NUL, malformed UTF-8, a huge body, odd Accept and Host", async () => {
    expect(await html("/search?q=a%00b", 400)).toContain("Error 400");
    expect(await html("/actors/%00", 404)).toContain("Error 404");
    // Malformed UTF-8 in a path is refused before routing, as everywhere.
    const malformed = await api.get("/actors/%ED%A0%80").expect(400);
    expect(malformed.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const huge = await request(api.app().server)
      .post("/")
      .set("content-type", "text/plain")
      .send("x".repeat(3_000_000));
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(huge.headers["content-type"]).toMatch(/^application\/problem\+json/);
    // A page is HTML whatever the Accept header, and never writes a Host it was sent.
    for (const headers of [
      { accept: "application/ld+json" },
      { accept: "application/json, text/html" },
      { host: "evil.example" },
    ]) {
      const page = await api.get("/actors/ukraine").set(headers).expect(200);
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(page.text).not.toContain("evil.example");
    }
  });

  it("lets a page load nothing but its own styles, and submit only its own search", async () => {
    for (const url of ["/", "/actors/ukraine", "/search?q=ceasefire", "/nowhere"]) {
      const response = await api.get(url);
      const policy = String(response.headers["content-security-policy"]);
      expect(policy).toMatch(/default-src 'none'/);
      expect(policy).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(policy).toMatch(/form-action 'self'/);
      expect(policy).toMatch(/frame-ancestors 'none'/);
      expect(policy).not.toMatch(/script-src/);
      expect(response.text.replace(/<script type="application\/ld\+json">.*?<\/script>/gs, "")).not.toMatch(
        /<script|style="|\son\w+=/,
      );
    }
  });

  it("is cached like the API: an ETag, 304 for it, and a new one after a write", async () => {
    const first = await api.get("/actors/ukraine").expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"\d+-/);
    expect(first.headers["cache-control"]).toBe("public, no-cache");
    await api.get("/actors/ukraine").set("if-none-match", etag).expect(304);
    const again = await api.get("/actors/ukraine").expect(200);
    expect(again.headers["x-cache"]).toBe("HIT");
    expect(again.text).toBe(first.text);
  });

  it("shows imported text inert, and a write changes what the pages show", async () => {
    const before = (await api.get("/").expect(200)).headers.etag;
    const hostile = '<img src=x onerror=alert(1)> "quoted" & <script>alert(2)</script>';
    const bundle = bundleFixture();
    bundle.document.id = "hostile-page-note";
    bundle.document.text = `${bundle.document.text} ${hostile} closes the note.`;
    bundle.claims = [
      { ...bundle.claims[0], id: "fact-hostile-page", text: `It quotes ${hostile}`, evidence: [hostile] },
    ];
    bundle.implications = [];
    await request(api.app().server)
      .post("/v1/imports")
      .set("authorization", `Bearer ${token}`)
      .send(bundle)
      .expect(201);
    const page = await html("/claims/fact-hostile-page");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("<script>alert");
    expect(textOf(page)).toContain(`It quotes ${hostile}`);
    const source = await html("/sources/hostile-page-note");
    expect(source).not.toContain("<img");
    expect(textOf(source)).toContain(hostile);
    const after = await api.get("/").expect(200);
    expect(after.headers.etag).not.toBe(before);
    expect(after.text).toContain('href="/sources/hostile-page-note"');
  });
});
