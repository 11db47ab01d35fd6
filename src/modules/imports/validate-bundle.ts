// Validates an import's body in slices: zod checks a 5,000-record bundle in
// one synchronous pass of some tens of milliseconds, so the route checks the
// bundle's shell (its document, and each list's length) as it is parsed, and
// this checks the lists' records a few milliseconds at a time, answering
// reads in between. The result, and every problem, is what one pass of ContentBundle gives.
import type { z } from "zod";
import { type Bundle, bundleLists, type bundleShellSchema } from "../../content/bundle-schema.js";
import { createPause } from "../../content/event-loop-share.js";
import { InvalidParameterError } from "../../http/problem.js";
import { capacityIssues } from "./schemas.js";

type Issue = { path: PropertyKey[]; message: string };

export async function validateRecords(shell: z.output<typeof bundleShellSchema>): Promise<Bundle> {
  const pause = createPause();
  const issues: Issue[] = [];
  const bundle: Record<string, unknown> = { ...shell };
  for (const [name, { item }] of Object.entries(bundleLists)) {
    const records = shell[name as keyof typeof bundleLists];
    const parsed: unknown[] = [];
    for (const [index, record] of records.entries()) {
      const result = item.safeParse(record);
      if (result.success) parsed.push(result.data);
      else issues.push(...result.error.issues.map((issue) => ({ ...issue, path: [name, index, ...issue.path] })));
      await pause();
    }
    bundle[name] = parsed;
  }
  if (issues.length === 0) issues.push(...capacityIssues(bundle as Bundle));
  if (issues.length > 0) {
    throw new InvalidParameterError(
      issues.map((issue) => ({
        in: "body",
        name: issue.path.length > 0 ? issue.path.map(String).join(".") : "(request)",
        reason: issue.message,
      })),
    );
  }
  return bundle as Bundle;
}
