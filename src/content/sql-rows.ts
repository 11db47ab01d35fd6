// Reads and writes a write's rows in SQL, in batches of statements, inside its
// transaction (db/write-transaction.ts). Through Prisma's createMany a
// 4,000-claim import spent about 2 s and 190 MB of heap compiling queries.
import type { SqlTransaction } from "../db/database.js";
import { jsonSql } from "../db/json-sql.js";
import { quoteIdentifier } from "../db/sql-driver.js";

export type Row = Record<string, unknown>;

/** Bound parameters per statement: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const maxParams = 10_000;
/**
 * Rows per write statement. SQLite's driver runs a statement synchronously,
 * and each search document inserted is indexed for full-text search as it
 * goes in: 1,600 of them in one statement held the event loop for tens of
 * milliseconds. The writer yields between statements.
 */
const maxRows = 250;

export interface SqlRows {
  /**
   * These columns of the rows whose `column` is one of `values` (and, given
   * `also`, whose `also.column` is one of its few values); of every row when
   * there is no `where`.
   */
  select(
    table: string,
    columns: string[],
    where?: { column: string; values: unknown[]; also?: { column: string; values: unknown[] } },
  ): Promise<Row[]>;
  /** Inserts the rows, in order: `columns` of each, from the row or else from `constants` (else null). */
  insert(table: string, columns: string[], rows: Row[], constants?: Row): Promise<void>;
  /** Sets `columns` of the row whose `key` columns match. */
  update(table: string, key: string[], columns: string[], row: Row): Promise<void>;
  /** Deletes the rows whose `key` columns match one of `rows`. */
  delete(table: string, key: string[], rows: Row[]): Promise<void>;
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export function sqlRows(tx: SqlTransaction): SqlRows {
  const { table, param } = jsonSql(tx);
  const names = (columns: string[]) => columns.map(quoteIdentifier).join(", ");
  /** The placeholders of `count` parameters from the n-th (from 1). */
  const placeholders = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => param(from + i)).join(", ");
  const matches = (key: string[], from: number) =>
    `(${key.map((column, i) => `${quoteIdentifier(column)} = ${placeholders(from + i, 1)}`).join(" AND ")})`;
  return {
    async select(name, columns, where) {
      const from = `SELECT ${names(columns)} FROM ${table(name)}`;
      if (!where) return tx.query<Row>(from);
      const also = where.also ?? { column: "", values: [] };
      const alsoIn = (from: number) =>
        `${quoteIdentifier(also.column)} IN (${placeholders(from, also.values.length)}) AND `;
      const rows: Row[] = [];
      for (const part of chunks(where.values, maxParams - also.values.length)) {
        const sql = `${from} WHERE ${where.also ? alsoIn(1) : ""}${quoteIdentifier(where.column)} IN (${placeholders(also.values.length + 1, part.length)})`;
        rows.push(...(await tx.query<Row>(sql, [...also.values, ...part])));
      }
      return rows;
    },
    async insert(name, columns, rows, constants = {}) {
      for (const part of chunks(rows, Math.max(1, Math.min(maxRows, Math.floor(maxParams / columns.length))))) {
        const tuples = part.map((_, i) => `(${placeholders(i * columns.length + 1, columns.length)})`);
        const values = part.flatMap((row) =>
          columns.map((column) => (column in row ? row[column] : constants[column]) ?? null),
        );
        await tx.execute(`INSERT INTO ${table(name)} (${names(columns)}) VALUES ${tuples.join(", ")}`, values);
      }
    },
    async update(name, key, columns, row) {
      const set = columns.map((column, i) => `${quoteIdentifier(column)} = ${placeholders(i + 1, 1)}`).join(", ");
      await tx.execute(
        `UPDATE ${table(name)} SET ${set} WHERE ${matches(key, columns.length + 1)}`,
        [...columns, ...key].map((column) => row[column] ?? null),
      );
    },
    async delete(name, key, rows) {
      for (const part of chunks(rows, Math.max(1, Math.floor(maxParams / key.length)))) {
        const where = part.map((_, i) => matches(key, i * key.length + 1)).join(" OR ");
        await tx.execute(
          `DELETE FROM ${table(name)} WHERE ${where}`,
          part.flatMap((row) => key.map((column) => row[column])),
        );
      }
    },
  };
}
