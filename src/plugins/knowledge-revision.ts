// Tracks the knowledge base's revision in memory, so a read can be keyed on it
// without asking the database. Writes through this process set it at once;
// on PostgreSQL, writes by other processes and instances arrive as
// notifications the moment they commit; a cheap periodic check backs both up.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { storedRevision } from "../content/stored-revision.js";
import { listenForRevisions } from "../db/revision-listener.js";

export interface KnowledgeRevision {
  current(): number;
  /**
   * Records a revision this process wrote or learnt of; tells listeners when it
   * moved. Only ever forward: a read of the revision that started before a
   * write may finish after it, and must not take the cache back to before it.
   */
  set(revision: number): void;
  /** Reads the revision from the database (what the periodic check does). */
  refresh(): Promise<number>;
  onChange(listener: (revision: number) => void): void;
  /**
   * Resolves once the notification of `revision` has come back to this
   * process (PostgreSQL), so every instance listening has been sent it too; at
   * once where there are no notifications; after `notificationWaitMs` at most.
   */
  notified(revision: number): Promise<void>;
}

/** The longest a write waits for its own notification before answering anyway. */
const notificationWaitMs = 500;

declare module "fastify" {
  interface FastifyInstance {
    revision: KnowledgeRevision;
  }
}

export interface KnowledgeRevisionOptions {
  /** How often to look for writes by other processes; 0 turns the check off. */
  pollMs: number;
}

export default fp<KnowledgeRevisionOptions>(
  async (app: FastifyInstance, options) => {
    let value = -1;
    const listeners: ((revision: number) => void)[] = [];
    // The highest revision notified back, and the writes waiting for theirs (none without notifications).
    let heard = Number.POSITIVE_INFINITY;
    const waiting = new Set<{ revision: number; done: () => void }>();
    const hear = (next: number) => {
      heard = Math.max(heard, next);
      for (const waiter of waiting) if (waiter.revision <= heard) waiter.done();
    };
    const revision: KnowledgeRevision = {
      current: () => value,
      set(next) {
        if (next <= value) return;
        value = next;
        for (const listener of listeners) listener(next);
      },
      async refresh() {
        revision.set(await storedRevision(app.db));
        return value;
      },
      onChange: (listener) => void listeners.push(listener),
      notified: (target) =>
        target <= heard
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              const waiter = {
                revision: target,
                done: () => {
                  clearTimeout(timer);
                  waiting.delete(waiter);
                  resolve();
                },
              };
              const timer = setTimeout(waiter.done, notificationWaitMs);
              waiting.add(waiter);
            }),
    };
    app.decorate("revision", revision);

    await revision.refresh().catch((err: unknown) => app.log.warn({ err }, "cannot read the revision yet"));
    const { location } = app.db;
    if (location.provider === "postgresql") {
      heard = -1;
      const listener = listenForRevisions(
        location,
        (next) => {
          revision.set(next);
          hear(next);
        },
        (err) => app.log.warn({ err }, "revision notifications interrupted; reconnecting"),
      );
      app.addHook("onClose", async () => {
        for (const waiter of waiting) waiter.done();
        await listener.close();
      });
    }
    if (options.pollMs > 0) {
      const timer = setInterval(() => {
        revision.refresh().catch((err: unknown) => app.log.debug({ err }, "revision check failed"));
      }, options.pollMs);
      timer.unref();
      app.addHook("onClose", async () => clearInterval(timer));
    }
  },
  { name: "knowledge-revision", dependencies: ["database"] },
);
