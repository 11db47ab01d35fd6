// What a DATABASE_URL says: which provider, and where. SQLite is the default.
import { isAbsolute, resolve } from "node:path";

export interface SqliteLocation {
  provider: "sqlite";
  /** An absolute file path, or ":memory:". */
  file: string;
}
export interface PostgresqlLocation {
  provider: "postgresql";
  /** The connection string without Prisma's `schema` parameter. */
  connectionString: string;
  /** The PostgreSQL schema the tables live in (`?schema=` in the URL); `public` by default. */
  schema: string;
}
export type DatabaseLocation = SqliteLocation | PostgresqlLocation;

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseLocation {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? "public";
    parsed.searchParams.delete("schema");
    return { provider: "postgresql", connectionString: parsed.toString(), schema };
  }
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (file === "") throw new Error(`DATABASE_URL "${url}" names no SQLite file`);
  return { provider: "sqlite", file: file === ":memory:" || isAbsolute(file) ? file : resolve(cwd, file) };
}
