// Reads from a PostgreSQL read replica when one is configured, but only while
// it has caught up with the revision this instance serves: right after a write
// the replica may lag, and a read served from it then would be cached under the
// new revision with old content. Until the replica's own revision catches up,
// reads go to the primary; writes always do.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { storedRevision } from "../content/stored-revision.js";
import { type Database, openDatabase } from "../db/database.js";
import { revisionReader } from "../history/revision-reader.js";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * The database reads should use now: a past revision's for a read asOf it,
     * else the replica when it is current, else the primary.
     */
    readonly reader: Database;
  }
}

export interface ReadRoutingOptions {
  replicaUrl?: string | undefined;
  poolSize?: number | undefined;
  statementTimeoutMs?: number | undefined;
  /** How often to read the replica's revision, in ms. */
  checkMs: number;
}

export default fp<ReadRoutingOptions>(
  async (app: FastifyInstance, options) => {
    if (!options.replicaUrl) {
      app.decorate("reader", { getter: () => revisionReader.getStore() ?? app.db });
      return;
    }
    const replica = await openDatabase(options.replicaUrl, {
      poolSize: options.poolSize,
      statementTimeoutMs: options.statementTimeoutMs,
    });
    let replicaRevision = -1;
    const check = () =>
      storedRevision(replica).then(
        (revision) => {
          replicaRevision = revision;
        },
        (err: unknown) => {
          replicaRevision = -1;
          app.log.warn({ err }, "read replica unavailable; reading from the primary");
        },
      );
    await check();
    const timer = setInterval(check, options.checkMs);
    timer.unref();
    app.addHook("onClose", async () => {
      clearInterval(timer);
      await replica.close();
    });
    app.decorate("reader", {
      getter: () => revisionReader.getStore() ?? (replicaRevision >= app.revision.current() ? replica : app.db),
    });
  },
  { name: "read-routing", dependencies: ["database", "knowledge-revision"] },
);
