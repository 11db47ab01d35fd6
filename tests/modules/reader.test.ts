// GET /read/{sourceId}: the seed's document with every evidence passage
// highlighted and linked to its record's card, a legend and the coverage, under
// a policy that lets the page load nothing and run nothing.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { coverageOf } from "../../src/modules/reader/reader-page.js";
import { useTestApp } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

const documentId = "us-withdrawal-from-peace-talks-2025";

describeEachDatabase("the reader page", (provider) => {
  const api = useTestApp(provider, { rateLimit: false });

  it("highlights every passage of the document, each a link to its record's card", async () => {
    const response = await api.get(`/read/${documentId}`).expect(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const html = response.text;
    const evidence = await api.app().db.prisma.evidence.count({ where: { sourceId: documentId } });
    expect(evidence).toBeGreaterThan(100);
    // Each highlight links to a card on the page.
    const links = [...html.matchAll(/<a class="hl (\w+)[^"]*"(?: id="at-\d+")? href="#([^"]+)"/g)];
    expect(links.length).toBeGreaterThan(50);
    for (const [, type, anchor] of links) {
      expect(html).toContain(`<article class="card ${type}" id="${anchor}"`);
    }
    for (const type of ["actor", "event", "claim", "implication", "source"])
      expect(html).toMatch(new RegExp(`<li><span class="swatch ${type}"`));
    expect(html).toContain('href="/v1/implications/ukraine-reduced-leverage"');
    expect(html).toMatch(/<strong>\d+%<\/strong> of its \d+ sentences cited by some record/);
  });

  it("lets the page load and run nothing but its own styles", async () => {
    const response = await api.get(`/read/${documentId}`).expect(200);
    const policy = String(response.headers["content-security-policy"]);
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toMatch(/script-src/);
    expect(response.text).not.toMatch(/<script|style="/);
  });

  it("is 404 problem+json for a cited source, whose text it does not hold, and for an unknown one; 400 for a bad id", async () => {
    for (const id of ["reuters", "no-such-document"]) {
      const response = await api.get(`/read/${id}`).expect(404);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    await api.get("/read/Not%20An%20Id").expect(400);
    await api.get(`/read/${documentId}?x=1`).expect(400);
  });

  it("escapes the document's text and titles", async () => {
    const html = (await request(api.app().server).get(`/read/${documentId}`).expect(200)).text;
    // The article's “America First” and its other quotation marks are text, never markup.
    expect(html).not.toMatch(
      /<(?!\/?(?:a|article|aside|dd|div|dl|dt|h1|h2|header|html|head|body|li|main|meta|p|pre|span|strong|style|title|ul)\b)[a-z]/,
    );
  });
});

describe("coverage", () => {
  it("counts the sentences some passage overlaps, however long the passage", () => {
    const text = "One is here. Two is here. Three is here. Four is here.";
    expect(coverageOf(text, [])).toEqual({ cited: 0, sentences: 4 });
    expect(coverageOf(text, [{ start: 0, end: 3, record: "a" }])).toEqual({ cited: 1, sentences: 4 });
    // One passage across the first three sentences, and a short one inside the first.
    expect(
      coverageOf(text, [
        { start: 4, end: 30, record: "a" },
        { start: 0, end: 2, record: "b" },
      ]),
    ).toEqual({ cited: 3, sentences: 4 });
  });
});
