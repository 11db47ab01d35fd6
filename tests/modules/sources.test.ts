import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { useTestApp } from "../helpers/api.js";
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

  it("answers 404 for an unknown source", async () => {
    await api.get("/v1/sources/pravda").expect(404);
  });
});
