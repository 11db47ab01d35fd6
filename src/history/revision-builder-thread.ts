// The thread that writes one past revision's database (revision-database.ts)
// from the knowledge base at `sourceUrl`, on connections of its own, and
// reports when it is done or why it failed.
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/database.js";
import { writeRevisionDatabase } from "./revision-database.js";

export interface BuildRequest {
  sourceUrl: string;
  revision: number;
  file: string;
}
export type BuildResult = { done: true } | { error: string };

const { sourceUrl, revision, file } = workerData as BuildRequest;
const report = (result: BuildResult) => parentPort?.postMessage(result);
try {
  const source = await openDatabase(sourceUrl, { poolSize: 1 });
  try {
    await writeRevisionDatabase(source, revision, file);
    report({ done: true });
  } finally {
    await source.close();
  }
} catch (error) {
  report({ error: error instanceof Error ? error.message : String(error) });
}
