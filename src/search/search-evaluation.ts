// How well search answers a set of written queries (tests/search/queries.json):
// whether each query's required records are all among its first five hits,
// recall@5 (the share of required records there), and the mean reciprocal rank
// of each query's first required record.
import { readFileSync } from "node:fs";
import { projectFile } from "../project-files.js";

export interface SearchCase {
  q: string;
  /** Records, as `type:id`, that must all be among the first five hits. */
  top5: string[];
  why: string;
}

export interface CaseResult extends SearchCase {
  /** The first ten hits, as `type:id`. */
  hits: string[];
  passed: boolean;
  /** The 1-based rank of the first required record among the hits, or null. */
  firstRank: number | null;
  /** Required records among the first five. */
  found: number;
}

export interface SearchEvaluation {
  cases: CaseResult[];
  passRate: number;
  recallAt5: number;
  meanReciprocalRank: number;
}

export function readSearchCases(): SearchCase[] {
  return (JSON.parse(readFileSync(projectFile("tests/search/queries.json"), "utf8")) as { queries: SearchCase[] })
    .queries;
}

/** Runs every case through `search`, which answers the first ten hits of a query as `type:id`. */
export async function evaluateSearch(
  cases: SearchCase[],
  search: (q: string) => Promise<string[]>,
): Promise<SearchEvaluation> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const hits = await search(c.q);
    const firstFive = new Set(hits.slice(0, 5));
    const found = c.top5.filter((id) => firstFive.has(id)).length;
    const ranks = c.top5.map((id) => hits.indexOf(id)).filter((rank) => rank >= 0);
    results.push({
      ...c,
      hits,
      passed: found === c.top5.length,
      firstRank: ranks.length > 0 ? Math.min(...ranks) + 1 : null,
      found,
    });
  }
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
  return {
    cases: results,
    passRate: mean(results.map((r) => (r.passed ? 1 : 0))),
    recallAt5: mean(results.map((r) => r.found / r.top5.length)),
    meanReciprocalRank: mean(results.map((r) => (r.firstRank ? 1 / r.firstRank : 0))),
  };
}
