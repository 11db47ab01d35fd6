// Listens on PostgreSQL's kb_revision channel (see the revision_notify
// migration) for revision changes made by any process on the same schema, over
// a connection of its own. If the connection drops, it reconnects with backoff;
// meanwhile the periodic revision check still catches every write.
import pg from "pg";
import type { PostgresqlLocation } from "./database-url.js";

export interface RevisionListener {
  close(): Promise<void>;
}

interface Notice {
  schema?: unknown;
  revision?: unknown;
}

export function listenForRevisions(
  location: PostgresqlLocation,
  onRevision: (revision: number) => void,
  onError: (error: Error) => void,
): RevisionListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 250;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: location.connectionString, connectionTimeoutMillis: 5_000 });
    next.on("notification", ({ payload }) => {
      const notice = JSON.parse(payload ?? "{}") as Notice;
      if (notice.schema === location.schema && typeof notice.revision === "number") onRevision(notice.revision);
    });
    next.on("error", (error) => {
      onError(error);
      reconnect(next);
    });
    next.on("end", () => reconnect(next));
    try {
      await next.connect();
      await next.query("LISTEN kb_revision");
      client = next;
      retryMs = 250;
    } catch (error) {
      onError(error as Error);
      reconnect(next);
    }
  };

  const reconnect = (dropped: pg.Client) => {
    if (closed || retry || (client && client !== dropped)) return;
    client = undefined;
    dropped.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
