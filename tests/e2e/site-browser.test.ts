// The site in real headless Chromium, walked as a reader would: the front door,
// Europe, one of its implications, that implication's evidence in the article
// and back; then a search and one of its results. Nothing is blocked by the
// pages' policy or logged as an error, the keyboard reaches the skip link
// first, and axe-core finds no serious or critical violation on any page type,
// light or dark. Screenshots are saved in test-artifacts/ (those in docs/ are
// copies).
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { chromiumAvailable, launchChromium, watchProblems } from "../helpers/chromium.js";
import { createSeededDatabase, type TestDatabase } from "../helpers/test-database.js";

const available = chromiumAvailable("Site browser suite");

const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

/** One page of each type. */
const pageTypes = {
  front: "/",
  actor: "/actors/ukraine",
  implication: "/implications/europe-increased-responsibility",
  claim: "/claims/position-russia-demands-2022",
  event: "/events/victory-day-truce-proposal",
  source: "/sources/us-withdrawal-from-peace-talks-2025",
  "cited source": "/sources/reuters",
  search: "/search?q=ceasefire",
  "not found": "/actors/atlantis",
};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(!available)("the site (Chromium)", () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    database = await createSeededDatabase("sqlite");
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, rateLimit: false });
    origin = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}site-${name}.png` });

  it("walks from the front door to Europe, an implication, its evidence in the article, and back", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${origin}/`);
    expect(await page.locator("h1").textContent()).toBe("Geopolitical Knowledge Base");
    // The styles applied (allowed by their hash).
    expect(await page.evaluate('getComputedStyle(document.querySelector("ul.grid")).display')).toBe("grid");
    await shot(page, "front");

    await page.getByRole("link", { name: "Europe", exact: true }).click();
    await page.waitForURL(`${origin}/actors/europe`);
    expect(await page.locator("h1").textContent()).toBe("Europe");
    await shot(page, "actor");

    await page.getByRole("link", { name: "Increased responsibility" }).click();
    await page.waitForURL(`${origin}/implications/europe-increased-responsibility`);
    const quote = (await page.locator("figure.quote blockquote").first().textContent()) as string;
    await shot(page, "implication");

    await page.getByRole("link", { name: "in context" }).first().click();
    await page.waitForURL(/\/sources\/us-withdrawal-from-peace-talks-2025#at-\d+$/);
    const target = page.locator(":target");
    expect(await target.count()).toBe(1);
    expect(quote.startsWith((await target.textContent()) as string)).toBe(true);
    expect(await target.isVisible()).toBe(true);
    // The passage is marked as the target: an outline in the accent colour.
    expect(await page.evaluate('getComputedStyle(document.querySelector(":target")).outlineStyle')).toBe("solid");
    await shot(page, "source");

    await page.goBack();
    await page.waitForURL(`${origin}/implications/europe-increased-responsibility`);
    expect(await page.locator("h1").textContent()).toBe("Increased responsibility");
    expect(problems).toEqual([]);
  });

  it("searches from the header and opens a result", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${origin}/actors/russia`);
    await page.getByRole("searchbox", { name: "Search the knowledge base" }).fill("zelensky");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/search?q=zelensky`);
    expect(await page.locator("h1").textContent()).toBe("Search: zelensky");
    expect(await page.locator("p.snippet mark").count()).toBeGreaterThan(0);
    await shot(page, "search");
    await page
      .getByRole("region", { name: "Results" })
      .getByRole("link", { name: "Volodymyr Zelenskyy", exact: true })
      .click();
    await page.waitForURL(`${origin}/actors/volodymyr-zelenskyy`);
    expect(await page.locator("h1").textContent()).toBe("Volodymyr Zelenskyy");
    expect(problems).toEqual([]);
  });

  it("lets the keyboard skip to the content first", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/actors/ukraine`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Skip to content");
    expect(await page.locator(".skip").isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    // Following the link is not done when the key press resolves: a long page (Ukraine's) may take a moment.
    await page.waitForURL(`${origin}/actors/ukraine#content`, { timeout: 5_000 });
    expect(page.url()).toBe(`${origin}/actors/ukraine#content`);
  });

  it.each(["light", "dark"] as const)(
    "has no serious or critical accessibility violation on any page type (%s)",
    async (scheme) => {
      // axe-core is injected as a script, which the pages' policy would (rightly) refuse.
      const context = await browser.newContext({
        bypassCSP: true,
        colorScheme: scheme,
        viewport: { width: 1200, height: 900 },
      });
      const found: Record<string, string[]> = {};
      for (const [type, path] of Object.entries(pageTypes)) {
        const page = await context.newPage();
        await page.goto(`${origin}${path}`);
        await page.addScriptTag({ content: axe.source });
        const violations = (await page.evaluate("axe.run().then((r) => r.violations)")) as AxeViolation[];
        const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        if (serious.length > 0)
          found[type] = serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
        if (scheme === "dark" && type === "front") await shot(page, "front-dark");
        await page.close();
      }
      await context.close();
      expect(found).toEqual({});
    },
    60_000,
  );
});
