// Starts a worker thread from a module next to the caller: the built
// JavaScript, or, run from the TypeScript sources (tsx, vitest), the source
// loaded through tsx.
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** The thread running module `name` (no extension) beside `caller` (its import.meta.url). */
export function startThread(caller: string, name: string, options: WorkerOptions): Worker {
  const entry = new URL(`./${name}${extname(fileURLToPath(caller))}`, caller);
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, options);
  const load = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(load, { ...options, eval: true });
}
