// End to end in real headless Chromium: a page on another origin embeds a card
// by iframe and by web component; both render the record's text, nothing is
// blocked or logged as an error, and a screenshot of each is saved in
// test-artifacts/.
import { existsSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import axe from "axe-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { chromiumAvailable, launchChromium, watchProblems } from "../helpers/chromium.js";
import { createSeededDatabase, type TestDatabase } from "../helpers/test-database.js";

const available = chromiumAvailable("Browser suite");

const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const id = "europe-increased-responsibility";

describe.skipIf(!available)("embedding in a page on another origin (Chromium)", () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let host: Server;
  let browser: Browser;
  let apiOrigin: string;
  let pageOrigin: string;

  beforeAll(async () => {
    database = await createSeededDatabase("sqlite");
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0 });
    apiOrigin = await app.listen({ host: "127.0.0.1", port: 0 });
    // The host page: another origin (another host name and port) embedding the card twice.
    host = createServer((_request, response) => {
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A newsroom page</title></head>
<body style="font-family:sans-serif;background:#f0f0f0;margin:16px">
<h1>A newsroom page</h1>
<iframe id="card" src="${apiOrigin}/embed/implications/${id}?theme=light" width="520" height="560" title="Increased responsibility" style="border:0"></iframe>
<script src="${apiOrigin}/embed/kb.js"></script>
<div id="component" style="width:520px"><kb-implication id="${id}" theme="dark"></kb-implication></div>
<iframe id="timeline" src="${apiOrigin}/embed/timeline?actor=ukraine&amp;theme=light" width="520" height="900" title="Timeline: Ukraine" style="border:0"></iframe>
<iframe id="matrix" src="${apiOrigin}/embed/positions/matrix?actors=ukraine,russia,united-states&amp;theme=light" width="900" height="1500" title="Positions" style="border:0"></iframe>
</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "localhost", resolve));
    pageOrigin = `http://localhost:${(host.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    host?.close();
    await app?.close();
    await database?.drop();
  });

  /** axe-core finds no serious or critical violation in the card, light or dark. It is injected as a script, which the card's policy would (rightly) refuse. */
  async function expectNoSeriousViolations(path: string) {
    for (const theme of ["light", "dark"]) {
      const context = await browser.newContext({ bypassCSP: true });
      const card = await context.newPage();
      await card.goto(`${apiOrigin}${path}&theme=${theme}`);
      await card.addScriptTag({ content: axe.source });
      const violations = (await card.evaluate("axe.run().then((r) => r.violations)")) as {
        id: string;
        impact: string;
      }[];
      expect(
        violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
        `${path} ${theme}`,
      ).toEqual([]);
      await context.close();
    }
  }

  it("renders the card by iframe and by web component, without errors", async () => {
    expect(new URL(pageOrigin).origin).not.toBe(new URL(apiOrigin).origin);
    const page = await browser.newPage({ viewport: { width: 600, height: 1300 } });
    const problems = watchProblems(page);
    await page.goto(pageOrigin);

    const frame = page.frameLocator("#card");
    await expect.poll(() => frame.locator("h1").textContent()).toBe("Increased responsibility");
    expect(await frame.locator(".label").textContent()).toBe("Consequence");
    expect(await frame.locator("blockquote").first().textContent()).toContain(
      "European nations, led by the UK and France, would need to fill the diplomatic and military void.",
    );
    expect(await frame.locator("li").allTextContents()).toContain("Europe (subject)");

    const component = page.locator("kb-implication");
    await expect.poll(() => component.locator("h1").textContent()).toBe("Increased responsibility");
    expect(await component.locator("blockquote").first().textContent()).toContain(
      "European nations, led by the UK and France",
    );
    expect(await component.locator("figcaption cite").first().textContent()).toBe(
      "The implications of the US withdrawal from Russia-Ukraine peace talks in 2025",
    );

    await page.locator("#card").screenshot({ path: `${artifacts}embed-iframe.png` });
    await page.locator("#component").screenshot({ path: `${artifacts}embed-web-component.png` });
    expect(existsSync(`${artifacts}embed-iframe.png`)).toBe(true);
    expect(existsSync(`${artifacts}embed-web-component.png`)).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);

  it("renders an actor's timeline card: its entries on a vertical line, each dated as its period", async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 2400 } });
    const problems = watchProblems(page);
    await page.goto(pageOrigin);
    const frame = page.frameLocator("#timeline");
    await expect.poll(() => frame.locator("h1").textContent()).toBe("Timeline: Ukraine");
    const dates = await frame.locator("ol.timeline time").allTextContents();
    expect(dates).toContain("April 2025");
    expect(dates[0]).toBe("February 2022");
    // Its positions among its events: Kyiv's dismissal of the truce comes right after the truce, on its day.
    const truce = frame.locator("ol.timeline li", { hasText: "Russia's proposed three-day Victory Day ceasefire" });
    const dismissal = frame.locator("ol.timeline li.position", { hasText: "dismissed Russia's three-day" });
    expect(await dismissal.locator("time").textContent()).toBe("8 May 2025");
    expect(await dismissal.textContent()).toContain("Ukraine rejects:");
    expect(await truce.evaluate((li) => li.nextElementSibling?.textContent)).toContain("dismissed Russia's three-day");
    // The line is drawn (the card's styles applied, allowed by their hash).
    expect(
      await frame
        .locator("ol.timeline")
        .evaluate((ol) => ol.ownerDocument.defaultView?.getComputedStyle(ol).borderLeftStyle),
    ).toBe("solid");
    await page.locator("#timeline").screenshot({ path: `${artifacts}embed-timeline.png` });
    expect(problems).toEqual([]);
    await expectNoSeriousViolations("/embed/timeline?actor=ukraine");
  }, 60_000);

  it("renders the matrix of positions as an accessible table: a stance as a word and a colour per cell", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 3200 } });
    const problems = watchProblems(page);
    await page.goto(pageOrigin);
    const frame = page.frameLocator("#matrix");
    await expect.poll(() => frame.locator("h1").textContent()).toBe("Positions: Ukraine, Russia, United States");
    expect(await frame.locator("thead th").allTextContents()).toEqual(["Issue", "Ukraine", "Russia", "United States"]);
    const crimea = frame.locator("tbody tr", { hasText: "Status of Crimea" });
    expect(await crimea.locator("td .stance").allTextContents()).toEqual(["rejects", "demands", "proposes"]);
    expect(await crimea.locator("td .when time").first().textContent()).toBe("2025");
    // The colour is drawn beside the word (the card's styles applied, allowed by their hash).
    expect(
      await crimea.locator("td.rejects").evaluate((td) => td.ownerDocument.defaultView?.getComputedStyle(td).boxShadow),
    ).toMatch(/inset/);
    await page.locator("#matrix").screenshot({ path: `${artifacts}embed-positions-matrix.png` });
    expect(problems).toEqual([]);
    await expectNoSeriousViolations("/embed/positions/matrix?actors=ukraine,russia,united-states");
  }, 60_000);
});
