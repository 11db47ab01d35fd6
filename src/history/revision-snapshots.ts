// The past revisions read lately, each a database of its own
// (revision-database.ts) in a temporary directory, kept in a small LRU. One is
// built at a time, on a thread of its own, and a revision asked for while it
// is being built waits for that build; past a few revisions waiting, a request
// is told to come back (503), so asking for many revisions at once costs the
// service one build at a time, not one each. A request waits for a build a
// few seconds at most, then is told to come back while it goes on (a large
// knowledge base takes a minute). Only a database no request is reading is
// evicted (closed, and its file removed).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "../db/database.js";
import { ServiceUnavailableError } from "../http/problem.js";
import { buildRevisionDatabase } from "./build-revision.js";

export interface HeldRevision {
  readonly db: Database;
  /** Lets the database go: safe to call more than once. */
  release(): void;
}

export interface RevisionSnapshots {
  /** Where the databases are kept: made at the first build (none before), removed on close. */
  directory(): string | undefined;
  /** The database of `revision`, kept open until `release`. */
  acquire(revision: number): Promise<HeldRevision>;
  /** The revisions kept now, most recently used last. */
  revisions(): number[];
  close(): Promise<void>;
}

export interface RevisionSnapshotOptions {
  /** The knowledge base the revisions are derived from. */
  sourceUrl: string;
  /** How many revisions' databases to keep. */
  keep: number;
  /** How many revisions may wait to be built before requests for another are refused. */
  maxWaiting: number;
  /** How long a request waits for a build before it is told to come back, in ms. */
  waitMs: number;
  /** The building thread's heap limit, in MB. */
  maxHeapMb: number;
}

interface Snapshot {
  revision: number;
  file: string;
  ready: Promise<Database>;
  built: boolean;
  readers: number;
}

export function revisionSnapshots(options: RevisionSnapshotOptions): RevisionSnapshots {
  // Most processes never read a past revision: the directory is made when one does.
  let directory: string | undefined;
  const directoryMade = () => {
    directory ??= mkdtempSync(join(tmpdir(), "kb-revisions-"));
    return directory;
  };
  // In use order: the least recently used first.
  const snapshots = new Map<number, Snapshot>();
  let builds: Promise<unknown> = Promise.resolve();
  let closed = false;

  const discard = (snapshot: Snapshot) =>
    snapshot.ready
      .then((db) => db.close())
      .catch(() => undefined)
      .then(() => {
        for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${snapshot.file}${suffix}`, { force: true });
      });

  const evictBeyondKeep = () => {
    for (const snapshot of snapshots.values()) {
      if (snapshots.size <= options.keep) return;
      if (snapshot.readers > 0 || !snapshot.built) continue;
      snapshots.delete(snapshot.revision);
      void discard(snapshot);
    }
  };

  const start = (revision: number): Snapshot => {
    const waiting = [...snapshots.values()].filter((s) => !s.built).length;
    if (waiting >= options.maxWaiting)
      throw new ServiceUnavailableError(
        `${waiting} past revisions are being prepared; retry shortly, or ask for a revision read recently.`,
      );
    const file = join(directoryMade(), `revision-${revision}-${Date.now().toString(36)}.db`);
    const ready = builds
      .then(() => buildRevisionDatabase({ sourceUrl: options.sourceUrl, revision, file }, options))
      .then(() => openDatabase(`file:${file}`));
    builds = ready.catch(() => undefined);
    const snapshot: Snapshot = { revision, file, ready, built: false, readers: 0 };
    ready.then(
      () => {
        snapshot.built = true;
        evictBeyondKeep();
      },
      () => {
        // A failed build is not kept: the next request tries again.
        if (snapshots.get(revision) === snapshot) snapshots.delete(revision);
        void discard(snapshot);
      },
    );
    return snapshot;
  };

  return {
    directory: () => directory,
    async acquire(revision) {
      if (closed) throw new ServiceUnavailableError("The service is shutting down.");
      const snapshot = snapshots.get(revision) ?? start(revision);
      snapshots.delete(revision);
      snapshots.set(revision, snapshot);
      snapshot.readers += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        snapshot.readers -= 1;
        evictBeyondKeep();
      };
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new ServiceUnavailableError(
                `Revision ${revision} is being prepared for reading; retry shortly (a large knowledge base takes a minute).`,
              ),
            ),
          options.waitMs,
        );
      });
      try {
        return { db: await Promise.race([snapshot.ready, waited]), release };
      } catch (error) {
        release();
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    revisions: () => [...snapshots.keys()],
    async close() {
      closed = true;
      await Promise.all([...snapshots.values()].map(discard));
      snapshots.clear();
      if (directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}
