// SQLite's reads written in SQL (`Database.queryRows`), on a connection of
// their own with each statement prepared once. Through Prisma every such read
// was compiled by its WebAssembly query compiler and prepared again by the
// driver adapter: about 0.4 ms a statement, against 0.02 ms here for a page of
// ids. In WAL mode this connection reads what Prisma's connection, the only
// writer, has committed, as of each statement.
import Sqlite from "better-sqlite3";
import { LRUCache } from "lru-cache";

export interface SqliteReader {
  queryRows<Row>(sql: string, params: unknown[]): Row[];
  close(): void;
}

/** `transaction`: every read of this reader sees one snapshot, the database as of its first read. */
export function openSqliteReader(file: string, options: { transaction?: boolean } = {}): SqliteReader {
  const connection = new Sqlite(file);
  connection.pragma("query_only = ON");
  connection.pragma("busy_timeout = 5000");
  if (options.transaction) connection.exec("BEGIN");
  // The statements are a few shapes per route, times the filters given and the page size.
  const statements = new LRUCache<string, Sqlite.Statement>({ max: 500 });
  return {
    queryRows: <Row>(sql: string, params: unknown[]) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        statements.set(sql, statement);
      }
      return statement.all(...params) as Row[];
    },
    close: () => connection.close(),
  };
}
