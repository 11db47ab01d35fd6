// An import's work in JavaScript (scanning, validating, resolving and deriving
// a bundle of thousands of records) shares the event loop with the reads it
// must not stall (issue 18): it gives the loop a turn once it has held it for
// a few milliseconds. A budget of time rather than of items, because one
// bundle's items can cost a hundred times another's.
import { setImmediate } from "node:timers/promises";

/** How long a piece of work holds the event loop before giving it a turn, in ms. */
const budgetMs = 5;

/** A function for a long loop to await at each step: at once, or after the event loop has had a turn. */
export function createPause(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await setImmediate();
    since = performance.now();
  };
}

/**
 * Work written once for both callers: a generator that yields between its
 * steps. `runSharingTheLoop` runs it giving the loop a turn every few
 * milliseconds (an import); `runToEnd` runs it at once (the seed, a script).
 */
export type SteppedWork<T> = Generator<void, T, void>;

export async function runSharingTheLoop<T>(work: SteppedWork<T>): Promise<T> {
  const pause = createPause();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    await pause();
  }
}

export function runToEnd<T>(work: SteppedWork<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}
