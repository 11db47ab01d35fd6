// The app's one way to write to the knowledge base: applies rows in a
// transaction and publishes the new revision, so caches see the write: this
// process's at once; on PostgreSQL the write is answered once its notification
// has come back, when every other instance has been sent its own too (each
// drops its cache as its notification arrives, milliseconds later at most).
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type ApplyOptions, type ApplyReport, applyRows } from "../content/apply-rows.js";
import type { KnowledgeRows } from "../content/rows.js";
import { writerLock } from "../db/database.js";

declare module "fastify" {
  interface FastifyInstance {
    writeKnowledge(rows: KnowledgeRows, options: ApplyOptions): Promise<ApplyReport>;
  }
}

export interface KnowledgeWritesOptions {
  /** How long a write waits for other writers (PostgreSQL) before a 503. */
  lockWaitMs: number;
}

export default fp<KnowledgeWritesOptions>(
  async (app: FastifyInstance, options) => {
    const lock = writerLock(app.db, options.lockWaitMs);
    app.decorate("writeKnowledge", async (rows: KnowledgeRows, applyOptions: ApplyOptions) => {
      const report = await applyRows(app.db, rows, { lock, ...applyOptions });
      app.revision.set(report.revision);
      if (report.changed) await app.revision.notified(report.revision);
      return report;
    });
  },
  { name: "knowledge-writes", dependencies: ["knowledge-revision"] },
);
