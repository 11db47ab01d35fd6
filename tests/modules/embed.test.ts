// Cards, the web component's script and content, oEmbed, and JSON-LD.
import jsonld from "jsonld";
import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.js";
import { useTestApp } from "../helpers/api.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { describeEachDatabase } from "../helpers/test-database.js";

const records = [
  ["implications", "europe-increased-responsibility", "Increased responsibility"],
  ["actors", "donald-trump", "Donald Trump"],
  ["events", "bucha-massacre", "Bucha massacre"],
  ["claims", "reason-lack-of-progress", "Lack of progress"],
] as const;

/** The terms a record's JSON-LD may use once expanded: real schema.org and PROV-O IRIs. */
const schemaOrg = (terms: string[]) => terms.map((t) => `https://schema.org/${t}`);
const allowedProperties = new Set([
  ...schemaOrg([
    "url",
    "text",
    "genre",
    "about",
    "author",
    "appearance",
    "isPartOf",
    "name",
    "isBasedOn",
    "description",
    "startDate",
    "endDate",
    "location",
    "attendee",
    "subjectOf",
    "alternateName",
    "sameAs",
    "affiliation",
    "memberOf",
    "jobTitle",
    "publisher",
  ]),
  "http://www.w3.org/ns/prov#wasDerivedFrom",
  "http://www.w3.org/ns/prov#wasQuotedFrom",
  "http://www.w3.org/ns/prov#wasAttributedTo",
  "http://www.w3.org/ns/prov#qualifiedDerivation",
  "http://www.w3.org/ns/prov#entity",
  "http://www.w3.org/ns/prov#value",
]);
const allowedTypes = new Set([
  ...schemaOrg([
    "Claim",
    "Event",
    "Person",
    "Organization",
    "Country",
    "Quotation",
    "Place",
    "AnalysisNewsArticle",
    "NewsArticle",
    "CreativeWork",
  ]),
  "http://www.w3.org/ns/prov#Derivation",
]);

/** Expands a document with its own context and checks every property and type against the vocabularies. */
async function expectValidJsonLd(document: Record<string, unknown>) {
  const expanded = await jsonld.expand(document as jsonld.JsonLdDocument);
  expect(expanded).toHaveLength(1);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    // A literal (a document's statement is one, as JSON): nothing in it is a property or a type.
    if ("@value" in node) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "@type") for (const type of value as string[]) expect(allowedTypes, type).toContain(type);
      else if (!key.startsWith("@")) expect(allowedProperties, key).toContain(key);
      visit(value);
    }
  };
  visit(expanded);
}

describeEachDatabase("embedding", (provider) => {
  const api = useTestApp(provider);

  it.each(records)("serves a self-contained, framable card for %s/%s", async (kind, id, title) => {
    const response = await api
      .get(`/embed/${kind}/${id}`)
      .expect(200)
      .expect("content-type", /^text\/html/);
    const html = response.text;
    expect(html).toContain(`<h1 id="title">${title}`);
    expect(html).toMatch(
      /<blockquote cite="http:\/\/127\.0\.0\.1:\d+\/v1\/sources\/us-withdrawal-from-peace-talks-2025"><p>/,
    );
    // Nothing is loaded from anywhere, nothing runs, and any origin may frame it.
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)|<img|<link rel="stylesheet"|url\(|@import/);
    const policy = response.headers["content-security-policy"];
    expect(policy).toMatch(
      /^default-src 'none';style-src 'sha256-[\w+/=]+';base-uri 'none';form-action 'none';frame-ancestors \*$/,
    );
    expect(response.headers["x-frame-options"]).toBeUndefined();
    expect(response.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    // A document gets helmet's full set otherwise.
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cross-origin-opener-policy"]).toBe("same-origin");
    // Accessible: a language, a landmark labelled by its heading, quotes as blockquotes with their source.
    expect(html).toMatch(/<html lang="en" data-theme="auto">/);
    expect(html).toContain('<article class="card" aria-labelledby="title">');
    expect(html).toMatch(/<figcaption>— <cite>The implications of the US withdrawal/);
    // It leads readers into the site, out of the frame: the record's page, and each actor's.
    expect(html).toMatch(
      new RegExp(
        `<a href="http://127\\.0\\.0\\.1:\\d+/${kind}/${id}" target="_top">Read more in the knowledge base</a>`,
      ),
    );
    const actorLinks = [
      ...html.matchAll(/<li><a href="http:\/\/127\.0\.0\.1:\d+\/actors\/([a-z0-9-]+)" target="_top">/g),
    ];
    const content = (await api.get(`/embed/${kind}/${id}/content`).expect(200)).body;
    expect(actorLinks.map(([, actor]) => actor)).toEqual(content.actors.map((a: { id: string }) => a.id));
    for (const [, actor] of actorLinks) await api.get(`/actors/${actor}`).expect(200);
    await api.get(`/${kind}/${id}`).expect(200);
  });

  it("has light and dark themes, and refuses unknown ones and unknown records as problems", async () => {
    expect((await api.get("/embed/claims/reason-lack-of-progress?theme=dark").expect(200)).text).toContain(
      'data-theme="dark"',
    );
    expect((await api.get("/embed/claims/reason-lack-of-progress?theme=light").expect(200)).text).toContain(
      'data-theme="light"',
    );
    await api
      .get("/embed/claims/reason-lack-of-progress?theme=neon")
      .expect(400)
      .expect("content-type", /problem\+json/);
    await api
      .get("/embed/claims/nothing-here")
      .expect(404)
      .expect("content-type", /problem\+json/);
    await api.get("/embed/sources/us-withdrawal-from-peace-talks-2025").expect(400);
  });

  it("escapes every piece of text it shows", async () => {
    const app = api.app();
    const { token } = await createApiKey(app.db.prisma, "markup", ["write"]);
    const bundle = bundleFixture();
    bundle.claims[0].text = `</h1><script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"`;
    const imported = await app.inject({
      method: "POST",
      url: "/v1/imports",
      headers: { authorization: `Bearer ${token}` },
      payload: bundle,
    });
    expect(imported.statusCode).toBe(201);
    const html = (await api.get(`/embed/claims/${bundle.claims[0].id}`).expect(200)).text;
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&#60;/h1&#62;&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    // The embedded JSON-LD cannot close its script element either.
    expect(html).toContain("\\u003c/script>");
  });

  it("serves the web component's script and the content it renders", async () => {
    const script = await api
      .get("/embed/kb.js")
      .expect(200)
      .expect("content-type", /^text\/javascript/);
    expect(script.text).toContain("customElements.define(name, class extends KbCard {})");
    expect(script.text).not.toContain("__CARD_CSS__");
    expect(script.text).toContain("--accent:");
    const content = await api.get("/embed/events/bucha-massacre/content").expect(200);
    expect(content.body).toMatchObject({
      kind: "events",
      id: "bucha-massacre",
      title: "Bucha massacre",
      label: "Event · 2022 · Bucha",
    });
    expect(content.body.quotes[0].quote).toBe("collapsed after the Bucha massacre and disagreements over terms");
  });

  it("answers oEmbed for a record's URL, and every card links to it", async () => {
    const card = (await api.get("/embed/implications/europe-increased-responsibility").expect(200)).text;
    const discovery = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(card)?.[1] ?? "";
    const oembedUrl = new URL(discovery.replaceAll("&#38;", "&"));
    const response = await api.get(`${oembedUrl.pathname}${oembedUrl.search}`).expect(200);
    // oEmbed 1.0: type and version always; html, width and height for the rich type.
    expect(response.body).toMatchObject({ type: "rich", version: "1.0", width: 520, height: 560 });
    expect(response.body.html).toMatch(
      /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/implications\/europe-increased-responsibility" width="520" height="560" title="Increased responsibility"/,
    );
    expect(typeof response.body.provider_name).toBe("string");

    const small = await api
      .get(
        `/oembed?url=${encodeURIComponent("https://kb.example/embed/claims/reason-lack-of-progress")}&maxwidth=300&maxheight=200`,
      )
      .expect(200);
    expect(small.body).toMatchObject({ width: 300, height: 200 });
    await api.get(`/oembed?url=${encodeURIComponent("https://kb.example/v1/claims/nope")}`).expect(404);
    await api.get(`/oembed?url=${encodeURIComponent("https://kb.example/about")}`).expect(404);
    await api.get("/oembed?url=not-a-url").expect(400);
    const xml = await api
      .get(`/oembed?url=${encodeURIComponent("https://kb.example/v1/claims/reason-lack-of-progress")}&format=xml`)
      .expect(200)
      .expect("content-type", /^text\/xml/);
    expect(xml.text).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8" standalone="yes"\?>\n<oembed><type>rich<\/type><version>1\.0<\/version>/,
    );
    expect(xml.text).toContain("<html>&#60;iframe src=&#34;");
    expect(xml.text).toMatch(/<width>520<\/width><height>560<\/height><\/oembed>/);
  });

  it.each([
    ...records.map(([kind, id]) => [kind, id] as const),
    ["sources", "us-withdrawal-from-peace-talks-2025"] as const,
  ])("serves %s/%s as valid JSON-LD on Accept: application/ld+json, cached apart from the JSON", async (kind, id) => {
    const json = await api
      .get(`/v1/${kind}/${id}`)
      .expect(200)
      .expect("content-type", /^application\/json/);
    const ld = await api.get(`/v1/${kind}/${id}`).set("accept", "application/ld+json").expect(200);
    expect(ld.headers["content-type"]).toMatch(/^application\/ld\+json/);
    expect(ld.headers.vary).toMatch(/Accept/);
    expect(ld.headers.etag).not.toBe(json.headers.etag);
    const document = JSON.parse(ld.text);
    expect(document["@id"]).toMatch(new RegExp(`/v1/${kind}/${id}$`));
    await expectValidJsonLd(document);
    // The cache keeps the two representations apart (inject: one client address throughout).
    const app = api.app();
    for (let i = 0; i < 2; i++) {
      const plain = await app.inject(`/v1/${kind}/${id}`);
      const linked = await app.inject({ url: `/v1/${kind}/${id}`, headers: { accept: "application/ld+json" } });
      expect(plain.headers["content-type"]).toMatch(/^application\/json/);
      expect(linked.headers["content-type"]).toMatch(/^application\/ld\+json/);
      if (i === 1) expect([plain.headers["x-cache"], linked.headers["x-cache"]]).toEqual(["HIT", "HIT"]);
    }
  });

  it("describes actors, claims and provenance in the right vocabulary, and cards embed the same JSON-LD, attestations included", async () => {
    const trump = JSON.parse((await api.get("/v1/actors/donald-trump").set("accept", "application/ld+json")).text);
    expect(trump).toMatchObject({
      "@type": "Person",
      name: "Donald Trump",
      sameAs: ["https://www.wikidata.org/wiki/Q22686"],
      jobTitle: "President",
    });
    expect(trump.affiliation["@id"]).toMatch(/\/v1\/actors\/united-states$/);
    const claim = JSON.parse(
      (await api.get("/v1/claims/reason-lack-of-progress?include=attestations").set("accept", "application/ld+json"))
        .text,
    );
    expect(claim["@type"]).toBe("Claim");
    expect(claim.appearance[0]).toMatchObject({
      "@type": "Quotation",
      text: expect.stringContaining("Lack of Progress: Despite months of diplomacy"),
    });
    expect(claim.wasQuotedFrom).toEqual([expect.stringMatching(/\/v1\/sources\/us-withdrawal-from-peace-talks-2025$/)]);
    expect(claim.wasDerivedFrom).toEqual(claim.wasQuotedFrom);
    // The article's statement of the claim, as a qualified derivation from it.
    expect(claim.qualifiedDerivation).toEqual([
      {
        "@type": "Derivation",
        entity: claim.wasDerivedFrom[0],
        statement: expect.objectContaining({ kind: "reason", text: claim.text }),
      },
    ]);
    await expectValidJsonLd(claim);

    // Each request reaches the app on a new port here, so URLs are compared without their origin.
    const card = (await api.get("/embed/claims/reason-lack-of-progress").expect(200)).text;
    const embedded = /<script type="application\/ld\+json">(.*)<\/script>/.exec(card)?.[1] ?? "{}";
    const withoutOrigin = (json: string) => json.replace(/http:\/\/127\.0\.0\.1:\d+/g, "");
    expect(withoutOrigin(embedded)).toBe(withoutOrigin(JSON.stringify(claim)));
  });
});

beforeAll(() => {
  // jsonld must never fetch a remote context: the documents carry theirs inline.
  (jsonld as unknown as { documentLoader: () => never }).documentLoader = () => {
    throw new Error("remote contexts are not allowed");
  };
});
