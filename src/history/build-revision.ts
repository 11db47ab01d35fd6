// Writes a past revision's database on a thread of its own
// (revision-builder-thread.ts), with a heap limit of its own: a revision too
// large to derive ends that thread, not the service.
import { once } from "node:events";
import { parseDatabaseUrl } from "../db/database-url.js";
import { startThread } from "../db/threads.js";
import type { BuildRequest, BuildResult } from "./revision-builder-thread.js";

export interface BuildLimits {
  /** The thread's heap limit, in MB. */
  maxHeapMb: number;
}

export async function buildRevisionDatabase(request: BuildRequest, limits: BuildLimits): Promise<void> {
  const location = parseDatabaseUrl(request.sourceUrl);
  // Another thread's connection to ":memory:" would open another, empty database.
  if (location.provider === "sqlite" && location.file === ":memory:")
    throw new Error("an in-memory knowledge base cannot be read as of a past revision");
  const thread = startThread(import.meta.url, "revision-builder-thread", {
    workerData: request,
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
  });
  const exited = once(thread, "exit");
  try {
    const [result] = (await Promise.race([once(thread, "message"), exited.then(() => [undefined])])) as [
      BuildResult | undefined,
    ];
    if (!result) throw new Error("the thread building the revision stopped before it was done");
    if ("error" in result) throw new Error(result.error);
  } finally {
    await thread.terminate();
  }
}
