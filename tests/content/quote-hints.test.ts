// A quote that is not found exactly once gets a hint naming the passage it
// nearly matches (other quotation marks, dashes, apostrophes or spacing) or
// where it occurs, with positions in code points as the API gives them.
import { expect, it } from "vitest";
import { uniquePassage } from "../../src/content/quote-hints.js";
import { createQuoteLocator } from "../../src/content/quote-locator.js";

const text =
  "🌍 The envoy said: “We will not wait for ever” — and left.\nKyiv’s answer came   the next day. The envoy said little more.";

const hintFor = (quote: string, within = text) => {
  const location = createQuoteLocator(within)(quote);
  if (!("problem" in location)) throw new Error(`"${quote}" was found`);
  return location.hint;
};

it("names the passage a quote with straight quotation marks nearly matches, and what differs", () => {
  expect(hintFor('The envoy said: "We will not wait for ever"')).toBe(
    'Nearly matches the passage at characters 2–45: "The envoy said: “We will not wait for ever”"; the text has “ where the quote has ", ” where the quote has ".',
  );
});

it("names a dash typed as a hyphen", () => {
  expect(hintFor("for ever” - and left.")).toMatch(/the text has — where the quote has -\.$/);
});

it("names an apostrophe typed straight", () => {
  expect(hintFor("Kyiv's answer")).toMatch(
    /^Nearly matches the passage at characters 58–71: "Kyiv’s answer"; the text has ’ where the quote has '\.$/,
  );
});

it("names whitespace that differs: a line break, a run of spaces", () => {
  const hint = hintFor("and left. Kyiv’s answer came the next day.");
  expect(hint).toContain('"and left.\nKyiv’s answer came   the next day."');
  expect(hint).toContain('"\\n" where the quote has " "');
  expect(hint).toContain('"   " where the quote has " "');
});

it("gives no hint when nothing nearly matches", () => {
  expect(hintFor("The envoy shouted")).toBeUndefined();
});

it("says where an ambiguous quote occurs, and how each place could be quoted uniquely", () => {
  expect(hintFor("The envoy said")).toBe(
    'Occurs at characters 2–16 (unique as "The envoy said:"), characters 93–107 (unique as "The envoy said little"): quote one of those passages to cite that place.',
  );
});

it("lengthens a passage a word at a time, after and then before, until it is unique", () => {
  const repeated = "one two three. one two four. one two three five.";
  expect(uniquePassage(repeated, 0, 7)).toBe("one two three.");
  expect(uniquePassage(repeated, 15, 22)).toBe("one two four.");
  expect(uniquePassage(repeated, 29, 36)).toBe("four. one two three");
  expect(uniquePassage("ab ab", 0, 2)).toBe("ab ab");
  expect(uniquePassage("x ".repeat(300), 0, 1, 20)).toBeUndefined();
});

it("hints at the first 20 failing quotes of a text only, so a bundle of bad quotes stays cheap", () => {
  const sentences = Array.from({ length: 30 }, (_, i) => `Finding ${i} is “settled”.`);
  const locate = createQuoteLocator(sentences.join(" "));
  const located = sentences.map((sentence) => locate(sentence.replace(/[“”]/g, '"')));
  expect(located.every((location) => "problem" in location)).toBe(true);
  expect(located.filter((location) => "hint" in location)).toHaveLength(20);
});
