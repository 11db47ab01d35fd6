// npm run draft:eval: drafts seed/article.txt and the two test articles and
// compares each draft with what was curated by hand (seed/ for the article),
// printing the tables of docs/drafting.md.
import { readFileSync } from "node:fs";
import { runToEnd } from "../src/content/event-loop-share.js";
import { readSeedDirectory } from "../src/content/seed-directory.js";
import { type DraftingKnowledge, draftingBundle } from "../src/drafting/draft-bundle.js";
import {
  type Evaluation,
  type Expectations,
  evaluateDraft,
  expectationsOfBundle,
} from "../src/drafting/draft-evaluation.js";
import { knownActor } from "../src/drafting/known-actors.js";
import { projectFile } from "../src/project-files.js";

/** The article's publication, as near as its text places it: after the April threat, before the May truce. */
const articlePublished = "2025-04-30";

const seed = readSeedDirectory();
const seeded: DraftingKnowledge = {
  actors: seed.actors.map(knownActor),
  taken: () => false,
};
const empty: DraftingKnowledge = { actors: [], taken: () => false };

const fixture = (name: string) => projectFile(`tests/fixtures/drafting/${name}`);
const cases: { name: string; text: string; knowledge: DraftingKnowledge; expected: Expectations }[] = [
  {
    name: "seed/article.txt, the seed's actors known",
    text: seed.document.text,
    knowledge: seeded,
    expected: expectationsOfBundle(seed, articlePublished),
  },
  {
    name: "seed/article.txt, an empty knowledge base",
    text: seed.document.text,
    knowledge: empty,
    expected: expectationsOfBundle(seed, articlePublished),
  },
  ...["grain-talks", "black-sea-deal"].map((name) => ({
    name: `tests/fixtures/drafting/${name}.txt, the seed's actors known`,
    text: readFileSync(fixture(`${name}.txt`), "utf8"),
    knowledge: seeded,
    expected: JSON.parse(readFileSync(fixture(`${name}.expected.json`), "utf8")) as Expectations,
  })),
];

const percent = (share: number) => `${Math.round(share * 100)}%`;
const row = (label: string, s: { found: number; of: number; share: number }, target: string, extra = "") =>
  `| ${label} | ${s.found} / ${s.of} | ${percent(s.share)} | ${target} | ${extra} |`;

function table(e: Evaluation) {
  return [
    "| Measure | Found | Share | Target | Notes |",
    "|---|---|---|---|---|",
    row(
      "actors, right id (recall)",
      e.actors,
      "≥ 90%",
      `precision ${percent(e.actors.precision)} of ${e.actors.drafted} drafted (target ≥ 70%)`,
    ),
    row("events, compatible date", e.events, "≥ 75%"),
    row("figures, value and unit", e.figures, "all"),
    row("statements, right speaker", e.statements, ""),
    row(
      "implications, right kind and subject",
      e.implications,
      "all",
      `${e.implications.exactSubjects} with exactly the curated subjects`,
    ),
    row("curated passages overlapped", e.evidence, "≥ 70%"),
  ].join("\n");
}

for (const c of cases) {
  const draft = () => runToEnd(draftingBundle({ text: c.text, published: c.expected.published }, c.knowledge));
  const coldStart = performance.now();
  const bundle = draft();
  const cold = performance.now() - coldStart;
  const warm: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    draft();
    warm.push(performance.now() - start);
  }
  warm.sort((a, b) => a - b);
  const evaluation = evaluateDraft(c.text, bundle, c.expected);
  console.log(`\n### ${c.name}\n`);
  console.log(
    `${c.text.length.toLocaleString("en")} characters; drafted in ${Math.round(cold)} ms (first run in the process), ${Math.round(warm[4] ?? 0)} ms (median of 9 more); ${bundle.actors?.length} actors, ${bundle.events?.length} events, ${bundle.claims?.length} claims, ${bundle.implications?.length} implications.\n`,
  );
  console.log(table(evaluation));
  const misses = Object.entries(evaluation).flatMap(([measure, s]) =>
    (s as { missed: string[] }).missed.map((m) => `- ${measure}: ${m}`),
  );
  if (misses.length > 0) console.log(`\nMissed:\n${misses.join("\n")}`);
}
