// asOf: every public read under /v1 answers, when asked, as the knowledge base
// stood at a past revision (src/history/), and says which revision it shows
// (KB-Revision). The parameter is read, and taken out of the query, before the
// route validates it, so no route's schema names it; the response cache keys
// on the revision it names (a hit builds nothing); and the route's reads go to
// that revision's database, through app.reader.
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { invalidAsOf, parseAsOf, revisionAt } from "../history/as-of.js";
import { revisionReader } from "../history/revision-reader.js";
import { type HeldRevision, revisionSnapshots } from "../history/revision-snapshots.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The past revision asOf names (absent: the current one). */
    asOf?: number;
    heldRevision?: HeldRevision;
  }
}

export interface AsOfOptions {
  /** The knowledge base's URL, which the thread building a past revision opens again. */
  databaseUrl: string;
  /** How many past revisions' databases to keep ready. */
  keep: number;
}

/** Builds waiting, beyond which a request for another revision is a 503. */
const maxWaiting = 4;
/** How long a read waits for its revision's database before it is told to retry, in ms. */
const buildWaitMs = 10_000;
/** The building thread's heap: a scale-1,000 knowledge base (500,000 rows) takes about 550 MB. */
const buildHeapMb = 2_048;

export const revisionHeader = "kb-revision";

/** The reads that answer as of a revision: the public ones under /v1 (not a client's own imports). */
export const readsAsOf = (request: FastifyRequest) =>
  (request.method === "GET" || request.method === "HEAD") &&
  /^\/v1(?:[/?]|$)/.test(request.url) &&
  request.routeOptions.config.publicCache !== false;

export default fp<AsOfOptions>(
  async (app: FastifyInstance, options) => {
    const snapshots = revisionSnapshots({
      sourceUrl: options.databaseUrl,
      keep: options.keep,
      maxWaiting,
      waitMs: buildWaitMs,
      maxHeapMb: buildHeapMb,
    });
    app.addHook("onClose", () => snapshots.close());

    const resolve = async (value: unknown): Promise<number> => {
      const asked = parseAsOf(value);
      const known = app.revision.current();
      // refresh() only ever moves the revision forward: it gives the later of the two.
      if ("instant" in asked) return revisionAt(app.db, asked.instant, await app.revision.refresh());
      // Another instance may have written it and this one not heard yet.
      const current = asked.revision <= known ? known : await app.revision.refresh();
      if (asked.revision > current)
        throw invalidAsOf(`revision ${asked.revision} is not written yet: the current revision is ${current}`);
      return asked.revision;
    };

    // Callback-style: it runs on every request, and most carry no asOf.
    app.addHook("onRequest", (request, reply, done) => {
      if (!readsAsOf(request)) return done();
      const query = request.query as Record<string, unknown>;
      if (query.asOf === undefined) {
        reply.header(revisionHeader, String(app.revision.current()));
        return done();
      }
      resolve(query.asOf).then((revision) => {
        delete query.asOf;
        request.asOf = revision;
        reply.header(revisionHeader, String(revision));
        done();
      }, done);
    });

    // After the response cache (onRequest) missed: the revision's database is
    // built or found only for a read that runs, and the route runs inside it.
    app.addHook("preValidation", (request, _reply, done) => {
      if (request.asOf === undefined) return done();
      snapshots.acquire(request.asOf).then((held) => {
        request.heldRevision = held;
        revisionReader.run(held.db, done);
      }, done);
    });
    const release = (request: FastifyRequest, _reply: unknown, done: () => void) => {
      request.heldRevision?.release();
      done();
    };
    app.addHook("onResponse", release);
    app.addHook("onRequestAbort", (request, done) => release(request, undefined, done));
  },
  { name: "as-of", dependencies: ["database", "knowledge-revision"] },
);
