// A minimal SQL connection over the raw drivers (better-sqlite3, pg), for the
// work Prisma's query API cannot do here: migrations and schema set-up.
import Sqlite from "better-sqlite3";
import pg from "pg";
import type { DatabaseLocation } from "./database-url.js";

export interface SqlConnection {
  readonly provider: DatabaseLocation["provider"];
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements. */
  executeScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function connectSql(location: DatabaseLocation): Promise<SqlConnection> {
  if (location.provider === "sqlite") {
    const db = new Sqlite(location.file);
    db.pragma("journal_mode = WAL");
    return {
      provider: "sqlite",
      query: async <Row>(sql: string, params: unknown[] = []) => {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all(...params) as Row[];
        statement.run(...params);
        return [];
      },
      executeScript: async (sql) => void db.exec(sql),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: location.connectionString });
  await client.connect();
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(location.schema)}`);
  await client.query(`SET search_path TO ${quoteIdentifier(location.schema)}`);
  return {
    provider: "postgresql",
    query: async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[],
    executeScript: async (sql) => void (await client.query(sql)),
    close: () => client.end(),
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
