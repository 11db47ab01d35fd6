// The reader page in real headless Chromium: the seed's document renders with
// its highlights, a click on one shows its record's card, nothing is blocked
// by the page's policy or logged as an error; and a draft's preview (kb draft
// --preview) renders the same way from a file. Screenshots of both are saved
// in test-artifacts/ (those in docs/ are copies).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { runToEnd } from "../../src/content/event-loop-share.js";
import { readSeedDirectory } from "../../src/content/seed-directory.js";
import { draftingBundle } from "../../src/drafting/draft-bundle.js";
import { knownActor } from "../../src/drafting/known-actors.js";
import { ContentBundle } from "../../src/modules/imports/schemas.js";
import { renderDraftPreview } from "../../src/modules/reader/draft-preview.js";
import { chromiumAvailable, launchChromium, watchProblems } from "../helpers/chromium.js";
import { createSeededDatabase, type TestDatabase } from "../helpers/test-database.js";

const available = chromiumAvailable("Reader browser suite");

const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

describe.skipIf(!available)("the reader page (Chromium)", () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    database = await createSeededDatabase("sqlite");
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0 });
    origin = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it("renders the document with its highlights, styled, and shows a passage's card on click", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${origin}/read/us-withdrawal-from-peace-talks-2025`);
    const highlights = page.locator("a.hl");
    expect(await highlights.count()).toBeGreaterThan(50);
    // The styles applied (allowed by their hash): a claim's highlight has its colour, a card is hidden until chosen.
    const background = await page.evaluate('getComputedStyle(document.querySelector("a.hl.claim")).backgroundColor');
    expect(background).toBe("rgb(220, 245, 227)");
    const card = page.locator("#implication-ukraine-reduced-leverage");
    expect(await card.isVisible()).toBe(false);
    expect(await page.locator(".coverage").textContent()).toMatch(/^\d+% of its \d+ sentences cited by some record/);

    await page.locator('a.hl[href="#implication-ukraine-reduced-leverage"]').first().click();
    expect(await card.isVisible()).toBe(true);
    expect(await card.locator("h2").textContent()).toBe("Reduced leverage");
    expect(await page.locator(".hint").isVisible()).toBe(false);
    // Hovering names every record the passage supports.
    expect(
      await page.locator('a.hl[href="#implication-ukraine-reduced-leverage"]').first().getAttribute("title"),
    ).toContain("Implication: Reduced leverage");
    await page.screenshot({ path: `${artifacts}reader.png` });
    expect(problems).toEqual([]);
  }, 60_000);

  it("renders a draft's preview from a file, with its draft marks on the cards", async () => {
    const text = readFileSync(new URL("../fixtures/drafting/grain-talks.txt", import.meta.url), "utf8");
    const seed = readSeedDirectory();
    const actors = seed.actors.map(knownActor);
    const bundle = ContentBundle.parse(
      runToEnd(draftingBundle({ text, published: "2026-03-12" }, { actors, taken: () => false })),
    );
    const file = `${artifacts}draft-preview.html`;
    writeFileSync(file, renderDraftPreview(bundle));
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    const problems = watchProblems(page);
    await page.goto(`file://${file}`);
    expect(await page.locator("a.hl").count()).toBeGreaterThan(5);
    const speaker = page.locator('a.hl[href^="#claim-statement-russian-negotiator"]').first();
    await speaker.click();
    const card = page.locator("article.card:target");
    expect(await card.locator(".label").textContent()).toBe("Claim · statement · irina-volkova");
    expect(await card.locator("dl").textContent()).toContain("attributed-statement");
    await page.screenshot({ path: `${artifacts}reader-draft-preview.png` });
    expect(problems).toEqual([]);
  }, 60_000);
});
