// A fixed number of slots, waited for in turn for a bounded time: what keeps
// an expensive operation (an import: its body parsed, validated and written)
// from running many times at once in one process, where the copies would only
// queue for the database's one writer while each held its whole body in memory.
import type { FastifyReply, FastifyRequest } from "fastify";
import { ServiceUnavailableError } from "./problem.js";

export interface Slots {
  /** Resolves with a release function once a slot is free, or with undefined after `waitMs`. */
  acquire(waitMs: number): Promise<(() => void) | undefined>;
  /** Slots in use, and callers waiting. */
  usage(): { active: number; waiting: number };
}

export function createSlots(size: number): Slots {
  let active = 0;
  const waiting: (() => void)[] = [];
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    };
  };
  return {
    acquire: (waitMs) => {
      if (active < size) {
        active += 1;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve) => {
        const turn = () => {
          clearTimeout(timer);
          resolve(releaser());
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(turn), 1);
          resolve(undefined);
        }, waitMs);
        waiting.push(turn);
      });
    },
    usage: () => ({ active, waiting: waiting.length }),
  };
}

/**
 * An onRequest hook that holds one of `slots` for the whole exchange, or
 * answers 503 with `busyMessage` when none came free within `waitMs`. The slot
 * is taken before the body is read, and freed however the exchange ends
 * (answered, failed, or the client gone).
 */
export function holdingSlot(slots: Slots, waitMs: number, busyMessage: string) {
  return async (_request: FastifyRequest, reply: FastifyReply) => {
    const release = await slots.acquire(waitMs);
    if (!release) throw new ServiceUnavailableError(busyMessage);
    reply.raw.once("close", release);
  };
}
