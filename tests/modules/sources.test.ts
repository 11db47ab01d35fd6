import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { expectWalkedIds, useTestApp, walk } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

const article = readFileSync(new URL("../../seed/article.txt", import.meta.url), "utf8");

describeEachDatabase("sources API", (provider) => {
  const api = useTestApp(provider);

  it("lists the article and the sources it cites", async () => {
    const response = await api.get("/v1/sources").expect(200);
    expect(response.body.data.map((s: { id: string }) => s.id)).toEqual([
      "financial-times",
      "newsweek",
      "npr",
      "reuters",
      "the-guardian",
      "us-state-department",
      "us-withdrawal-from-peace-talks-2025",
    ]);
    expect(response.body.data.every((s: { text?: string }) => s.text === undefined)).toBe(true);
    const news = await api.get("/v1/sources?kind=news").expect(200);
    expect(news.body.data).toHaveLength(5);
  });

  it("returns the article's full text on request, which evidence offsets index into", async () => {
    const response = await api.get("/v1/sources/us-withdrawal-from-peace-talks-2025?include=text").expect(200);
    expect(response.body).toMatchObject({ kind: "analysis", hasText: true, text: article });
    expect(response.body.cites).toHaveLength(6);
    const claim = await api.get("/v1/claims/statement-rubio-move-on").expect(200);
    const [evidence] = claim.body.evidence;
    expect(
      Array.from(response.body.text as string)
        .slice(evidence.start, evidence.end)
        .join(""),
    ).toBe(evidence.quote);
  });

  it("returns a cited outlet with the passage that names it", async () => {
    const response = await api.get("/v1/sources/reuters").expect(200);
    expect(response.body).toMatchObject({
      kind: "news",
      hasText: false,
      citedBy: [{ id: "us-withdrawal-from-peace-talks-2025" }],
    });
    expect(response.body.evidence.map((e: { quote: string }) => e.quote)).toContain(
      "Sources: Reuters, The Guardian, NPR, Financial Times, Newsweek",
    );
  });

  it("answers every source as Prisma reads it: citations both ways, the passages naming it, whether it has a text", async () => {
    const stored = await api.app().db.prisma.source.findMany({
      orderBy: { id: "asc" },
      include: {
        citations: { select: { cited: { select: { id: true, title: true } } }, orderBy: { citedId: "asc" } },
        citedBy: { select: { citing: { select: { id: true, title: true } } }, orderBy: { citingId: "asc" } },
        mentions: {
          select: { id: true, quote: true, start: true, end: true, source: { select: { id: true, title: true } } },
          orderBy: { id: "asc" },
        },
      },
    });
    const listed = await walk(api.get, "/v1/sources?limit=2");
    expect(listed).toEqual(
      stored.map((source) => ({
        id: source.id,
        kind: source.kind,
        title: source.title,
        publisher: source.publisher,
        url: source.url,
        description: source.description,
        hasText: source.text !== null,
        cites: source.citations.map((c) => c.cited),
        citedBy: source.citedBy.map((c) => c.citing),
        evidence: source.mentions,
        sourceCount: source.sourceCount,
        conflicts: JSON.parse(source.conflicts),
        createdAt: source.createdAt.toISOString(),
        updatedAt: source.updatedAt.toISOString(),
      })),
    );
    expect(stored.some((source) => source.mentions.length > 0 && source.citedBy.length > 0)).toBe(true);
    const news = stored.filter((source) => source.kind === "news");
    await expectWalkedIds(api.get, "/v1/sources?kind=news", news, stored.length);
  });

  it("answers 404 for an unknown source", async () => {
    await api.get("/v1/sources/pravda").expect(404);
  });
});
