// The one error a content bundle is rejected with: every problem found, each
// naming where it is (file or path), which record, and what is wrong.

export interface ContentProblem {
  /** The file (seed directory) or JSON path (bundle) the problem is in. */
  where: string;
  /** The id of the record at fault, when there is one. */
  record?: string;
  problem: string;
}

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `content rejected, ${problems.length} problem(s):\n` +
        problems.map((p) => `- ${p.where}${p.record ? ` [${p.record}]` : ""}: ${p.problem}`).join("\n"),
    );
    this.name = "ContentError";
  }
}
