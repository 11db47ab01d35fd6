// The one error a content bundle is rejected with: every problem found, each
// naming where it is (file or path), which record, and what is wrong. Through
// the API it is a 400 listing each as an invalid body parameter.
import { InvalidParameterError } from "../http/problem.js";

export interface ContentProblem {
  /** The file (seed directory) or JSON path (bundle) the problem is in. */
  where: string;
  /** The id of the record at fault, when there is one. */
  record?: string;
  problem: string;
  /** How it might be fixed (the passage a quote nearly matches), when that is known. */
  hint?: string | undefined;
}

export class ContentError extends InvalidParameterError {
  override name = "ContentError";
  constructor(readonly problems: ContentProblem[]) {
    super(
      problems.map((p) => ({
        in: "body" as const,
        name: p.where,
        reason: p.record ? `${p.problem} (record "${p.record}")` : p.problem,
        ...(p.hint && { hint: p.hint }),
      })),
      `content rejected, ${problems.length} problem(s):\n` +
        problems
          .map(
            (p) =>
              `- ${p.where}${p.record ? ` [${p.record}]` : ""}: ${p.problem}${p.hint ? `\n  hint: ${p.hint}` : ""}`,
          )
          .join("\n"),
    );
  }
}
