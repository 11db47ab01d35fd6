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
  /** Records a revision this process wrote; tells listeners when it changed. */
  set(revision: number): void;
  /** Reads the revision from the database (what the periodic check does). */
  refresh(): Promise<number>;
  onChange(listener: (revision: number) => void): void;
}

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
    const revision: KnowledgeRevision = {
      current: () => value,
      set(next) {
        if (next === value) return;
        value = next;
        for (const listener of listeners) listener(next);
      },
      async refresh() {
        revision.set(await storedRevision(app.db));
        return value;
      },
      onChange: (listener) => void listeners.push(listener),
    };
    app.decorate("revision", revision);

    await revision.refresh().catch((err: unknown) => app.log.warn({ err }, "cannot read the revision yet"));
    const { location } = app.db;
    if (location.provider === "postgresql") {
      // Only forward: a notification can arrive after this process has read a later revision.
      const listener = listenForRevisions(
        location,
        (next) => next > value && revision.set(next),
        (err) => app.log.warn({ err }, "revision notifications interrupted; reconnecting"),
      );
      app.addHook("onClose", () => listener.close());
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
