// The example content bundle (tests/fixtures/bundle.json): a short note on EU
// sanctions whose claims reference actors of the article. Parsed afresh on each
// call, so a test may change its copy.
import { readFileSync } from "node:fs";

export const bundleFixturePath = new URL("../fixtures/bundle.json", import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: each test shapes its own copy of the bundle.
export const bundleFixture = (): any => JSON.parse(readFileSync(bundleFixturePath, "utf8"));

/** A later document (written for the tests) resolving four of the article's implications. */
// biome-ignore lint/suspicious/noExplicitAny: each test shapes its own copy of the bundle.
export const resolutionsFixture = (): any =>
  JSON.parse(readFileSync(new URL("../fixtures/resolutions-bundle.json", import.meta.url), "utf8"));
