// Quotes are found at their code-point offsets, once each; an import's are
// found ahead of time in slices, between which the event loop runs.
import { setImmediate } from "node:timers/promises";
import { expect, it } from "vitest";
import { createQuoteLocator } from "../../src/content/quote-locator.js";

it("gives code-point offsets, and names quotes that are missing or ambiguous", () => {
  const locate = createQuoteLocator("A 🌍 story: the talks stalled. The talks resumed.");
  expect(locate("story")).toEqual({ start: 4, end: 9 });
  expect(locate("stalled")).toEqual({ start: 21, end: 28 });
  expect(locate("collapsed")).toEqual({ problem: expect.stringMatching(/not verbatim/) });
  expect(locate("The talks")).toEqual({ start: 30, end: 39 });
  expect(locate("talks")).toMatchObject({ problem: expect.stringMatching(/more than once/) });
});

it("finds many quotes in a long text in slices, letting other work run between them", async () => {
  const passages = Array.from({ length: 300 }, (_, i) => `Finding number ${i} of the report.`);
  const text = `${passages.join(" ")} ${"The report goes on. ".repeat(100_000)}`;
  const locate = createQuoteLocator(text);
  let ranBetween = 0;
  const other = (async () => {
    for (let i = 0; i < 1_000; i++) {
      await setImmediate();
      ranBetween += 1;
    }
  })();
  await locate.prefetch(passages);
  const ranDuring = ranBetween;
  await other;
  expect(ranDuring).toBeGreaterThan(0);
  // Found once, ahead: what the import then asks is already known.
  expect(locate(passages[299] ?? "")).toEqual({ start: expect.any(Number), end: expect.any(Number) });
});
