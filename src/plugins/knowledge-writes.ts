// The app's one way to write to the knowledge base: writes documents in a
// transaction and publishes the new revision, so caches see the write: this
// process's at once; on PostgreSQL the write is answered once its notification
// has come back, when every other instance has been sent its own too (each
// drops its cache as its notification arrives, milliseconds later at most).
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { ResolvedDocument } from "../content/resolve-bundle.js";
import { type WriteOptions, type WriteReport, writeDocuments } from "../content/write-documents.js";
import { writerLock } from "../db/database.js";

declare module "fastify" {
  interface FastifyInstance {
    writeKnowledge(documents: ResolvedDocument[], options: WriteOptions): Promise<WriteReport>;
  }
}

export interface KnowledgeWritesOptions {
  /** How long a write waits for other writers (PostgreSQL) before a 503. */
  lockWaitMs: number;
}

export default fp<KnowledgeWritesOptions>(
  async (app: FastifyInstance, options) => {
    const lock = writerLock(app.db, options.lockWaitMs);
    app.decorate("writeKnowledge", async (documents: ResolvedDocument[], writeOptions: WriteOptions) => {
      const report = await writeDocuments(app.db, documents, { lock, ...writeOptions });
      app.revision.set(report.revision);
      if (report.changed) await app.revision.notified(report.revision);
      return report;
    });
  },
  { name: "knowledge-writes", dependencies: ["knowledge-revision"] },
);
