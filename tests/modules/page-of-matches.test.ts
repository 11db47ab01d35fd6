// The `q` filter of lists over more matches than one query can carry: chunks,
// and their pages merged, give exactly the page one query over all would.
import { describe, expect, it } from "vitest";
import { pageOfMatches } from "../../src/modules/search/service.js";

const records = Array.from({ length: 5_000 }, (_, i) => ({ id: `r-${String(i).padStart(5, "0")}`, even: i % 2 === 0 }));

/** A list's page query: its own filter (even), order (id), cursor and limit, within `ids` when given. */
function pageQuery(after: string | undefined, take: number) {
  const calls: number[] = [];
  const page = async (ids: string[] | undefined) => {
    calls.push(ids?.length ?? Number.POSITIVE_INFINITY);
    const allowed = ids ? new Set(ids) : undefined;
    return records.filter((r) => r.even && (!allowed || allowed.has(r.id)) && (!after || r.id > after)).slice(0, take);
  };
  return { page, calls };
}

describe("pageOfMatches", () => {
  const matches = records.filter((_, i) => i % 3 === 0).map((r) => r.id);
  const expected = (after: string | undefined, take: number) =>
    records.filter((r, i) => r.even && i % 3 === 0 && (!after || r.id > after)).slice(0, take);

  it("gives the page one query over every match would, whatever the order the matches come in", async () => {
    for (const [after, take] of [
      [undefined, 21],
      ["r-02000", 101],
      ["r-04990", 21],
    ] as const) {
      const { page, calls } = pageQuery(after, take);
      const shuffled = [...matches].sort(() => Math.random() - 0.5);
      expect(await pageOfMatches(shuffled, page)).toEqual(expected(after, take));
      expect(Math.max(...calls)).toBeLessThanOrEqual(500);
    }
  });

  it("runs one query when the matches fit in one, or when there is no q", async () => {
    const { page, calls } = pageQuery(undefined, 21);
    await pageOfMatches(matches.slice(0, 400), page);
    await pageOfMatches(undefined, page);
    expect(calls).toEqual([400, Number.POSITIVE_INFINITY]);
  });
});
