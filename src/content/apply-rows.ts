// Writes derived rows into the knowledge base's tables inside a write's
// transaction: creates what is new, updates what changed (in place, by key),
// leaves the rest, and deletes the stored rows of a table's scope (the rows
// the write determines: the records it derives, their links) that it no
// longer has. Also the revision and the change feed every write shares.
import type { Database, SqlTransaction } from "../db/database.js";
import { jsonSql } from "../db/json-sql.js";
import type { KnowledgeRows } from "./rows.js";
import { type Row, type SqlRows, sqlRows } from "./sql-rows.js";
import { collectionOf } from "./statements.js";

interface Table {
  rows: keyof KnowledgeRows;
  /** The table's name in SQL. */
  name: string;
  key: string[];
  /**
   * When the key's first column has a few values only (a type): the lookup
   * by the rows' keys reads by that column's values and the next one's.
   */
  lookup?: [few: string, by: string];
  /** The record a row is, or belongs to, in the change feed (derived tables: none). */
  owner: (row: Row) => RecordRef | undefined;
}

/** A record as the change feed names it: its collection and id. */
export type RecordRef = [recordType: string, recordId: string];
/** A record a write created, updated or deleted; `recordType` is its collection (`claims`). */
export type RecordChange = {
  recordType: string;
  recordId: string;
  change: "created" | "updated" | "deleted";
};
const self =
  (recordType: string) =>
  (row: Row): RecordRef => [recordType, String(row.id)];

/** Evidence ids read `${document}/${target}/${record}/${n}`: the record it supports. */
function evidenceOwner(id: string): RecordRef | undefined {
  const [, target = "", recordId] = id.split("/");
  const collection = (collectionOf as Record<string, string>)[target];
  return collection && recordId ? [collection, recordId] : undefined;
}

/** In dependency order: parents before the rows that reference them. */
const tables: Table[] = [
  { rows: "sources", name: "Source", key: ["id"], owner: self("sources") },
  {
    rows: "citations",
    name: "SourceCitation",
    key: ["citingId", "citedId"],
    owner: (r) => ["sources", String(r.citingId)],
  },
  { rows: "actors", name: "Actor", key: ["id"], owner: self("actors") },
  {
    rows: "actorIdentities",
    name: "ActorIdentity",
    key: ["kind", "value", "actorId"],
    lookup: ["kind", "value"],
    owner: () => undefined,
  },
  { rows: "events", name: "Event", key: ["id"], owner: self("events") },
  {
    rows: "participants",
    name: "EventParticipant",
    key: ["eventId", "actorId"],
    owner: (r) => ["events", String(r.eventId)],
  },
  { rows: "claims", name: "Claim", key: ["id"], owner: self("claims") },
  {
    rows: "claimActors",
    name: "ClaimActor",
    key: ["claimId", "actorId"],
    owner: (r) => ["claims", String(r.claimId)],
  },
  { rows: "implications", name: "Implication", key: ["id"], owner: self("implications") },
  {
    rows: "implicationActors",
    name: "ImplicationActor",
    key: ["implicationId", "actorId"],
    owner: (r) => ["implications", String(r.implicationId)],
  },
  {
    rows: "implicationClaims",
    name: "ImplicationClaim",
    key: ["implicationId", "claimId"],
    owner: (r) => ["implications", String(r.implicationId)],
  },
  { rows: "issues", name: "Issue", key: ["id"], owner: self("issues") },
  { rows: "positions", name: "Position", key: ["id"], owner: self("positions") },
  { rows: "resolutions", name: "Resolution", key: ["id"], owner: self("resolutions") },
  { rows: "evidence", name: "Evidence", key: ["id"], owner: (r) => evidenceOwner(String(r.id)) },
  {
    rows: "searchDocuments",
    name: "SearchDocument",
    key: ["type", "recordId"],
    lookup: ["type", "recordId"],
    owner: () => undefined,
  },
];

/** Each table's key columns: rows with equal keys are the same record. */
export const tableKeys = Object.fromEntries(tables.map((t) => [t.rows, t.key])) as Record<
  keyof KnowledgeRows,
  string[]
>;

/**
 * The stored rows of a table that a write determines: those whose `column`
 * is one of `values` (and `also.column` one of its values) for which
 * `contains` holds; the write deletes those it does not have. `"all"`: every
 * stored row.
 */
export type Scope =
  | "all"
  | {
      column: string;
      values: unknown[];
      also?: { column: string; values: unknown[] };
      contains?: (row: Row) => boolean;
    };
export type Scopes = Partial<Record<keyof KnowledgeRows, Scope>>;

export interface TableChanges {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}
export type ApplyReport = { changed: boolean; revision: number; tables: Record<keyof KnowledgeRows, TableChanges> };

interface Plan {
  table: Table;
  columns: string[];
  create: Row[];
  update: Row[];
  unchanged: number;
  delete: Row[];
}
export type TablePlans = Plan[];

/** What writing `rows` would change in each table: read only, through each table's key index. */
export async function planTables(sql: SqlRows, rows: KnowledgeRows, scopes: Scopes): Promise<TablePlans> {
  const plans: Plan[] = [];
  // One table after another: a transaction is one connection, and node-postgres
  // deprecates queueing queries on a busy one (an error from pg 9).
  for (const table of tables) {
    plans.push(await planTable(sql, table, rows[table.rows] as unknown as Row[], scopes[table.rows]));
  }
  return plans;
}

/** The rows the plans would delete from one table. */
export const deletedRows = (plans: TablePlans, rows: keyof KnowledgeRows) =>
  plans.find((plan) => plan.table.rows === rows)?.delete ?? [];

/** Whether any plan changes anything. */
export const plansChange = (plans: TablePlans) =>
  plans.some((plan) => plan.create.length + plan.update.length + plan.delete.length > 0);

/**
 * Writes `rows` into a knowledge base with none (a past revision's:
 * src/history/), each row with the times `timesOf` gives the record it is or
 * belongs to (none for derived tables).
 */
export async function insertRows(
  sql: SqlRows,
  rows: KnowledgeRows,
  timesOf: (record: RecordRef | undefined) => { createdAt: Date; updatedAt: Date },
): Promise<void> {
  for (const table of tables) {
    const wanted = rows[table.rows] as unknown as Row[];
    const columns = [...Object.keys(wanted[0] ?? {}), "createdAt", "updatedAt"];
    const ordered = table.rows === "actors" ? parentsFirst(wanted) : wanted;
    await sql.insert(
      table.name,
      columns,
      ordered.map((row) => ({ ...row, ...timesOf(table.owner(row)) })),
    );
  }
}

/** Writes the plans: inserts and updates parents first, then deletes children first. */
export async function applyPlans(sql: SqlRows, plans: TablePlans, now: Date): Promise<void> {
  for (const plan of plans) {
    const { table } = plan;
    // Prisma's @default(now()) and @updatedAt, which raw statements do not apply.
    const created = table.rows === "actors" ? parentsFirst(plan.create) : plan.create;
    await sql.insert(table.name, [...plan.columns, "createdAt", "updatedAt"], created, {
      createdAt: now,
      updatedAt: now,
    });
    for (const row of plan.update)
      await sql.update(table.name, table.key, [...plan.columns, "updatedAt"], { ...row, updatedAt: now });
  }
  for (const plan of [...plans].reverse()) await sql.delete(plan.table.name, plan.table.key, plan.delete);
}

export function reportOf(plans: TablePlans): ApplyReport["tables"] {
  return Object.fromEntries(
    plans.map((plan) => [
      plan.table.rows,
      {
        created: plan.create.length,
        updated: plan.update.length,
        unchanged: plan.unchanged,
        deleted: plan.delete.length,
      },
    ]),
  ) as ApplyReport["tables"];
}

/**
 * What a write did to each record: created, updated or deleted itself, or (a
 * change to its links or evidence, or to what a document states about it,
 * `restated`) updated. Derived tables are not records.
 */
export function recordChanges(plans: TablePlans, restated: RecordRef[] = []): RecordChange[] {
  const changes = new Map<string, RecordChange>();
  const note = (ref: RecordRef | undefined, change: RecordChange["change"], overwrite: boolean) => {
    if (!ref) return;
    const key = ref.join("\u0000");
    if (overwrite || !changes.has(key)) changes.set(key, { recordType: ref[0], recordId: ref[1], change });
  };
  const passes = [true, false] as const;
  for (const records of passes) {
    for (const plan of plans) {
      const { table } = plan;
      const isRecord = table.key.length === 1 && table.key[0] === "id" && table.rows !== "evidence";
      if (isRecord !== records || table.rows === "searchDocuments") continue;
      for (const [rows, change] of [
        [plan.create, "created"],
        [plan.update, "updated"],
        [plan.delete, "deleted"],
      ] as const) {
        for (const row of rows) note(table.owner(row), records ? change : "updated", records);
      }
    }
  }
  for (const ref of restated) note(ref, "updated", false);
  return [...changes.values()];
}

/** Records the write's changes in the change feed, at `revision`, made when the write's rows are: `now`. */
export async function insertChanges(sql: SqlRows, changes: RecordChange[], revision: number, now: Date) {
  await sql.insert("Change", ["recordType", "recordId", "change", "revision", "createdAt"], changes, {
    revision,
    createdAt: now,
  });
}

/** The revision, in the write's transaction. */
export async function revisionIn(tx: SqlTransaction): Promise<number> {
  const [row] = await tx.query<{ value: number }>(
    `SELECT "value" FROM ${jsonSql(tx).table("Revision")} WHERE "id" = 1`,
  );
  return row?.value ?? 0;
}

export async function bumpRevision(tx: SqlTransaction, now: Date): Promise<number> {
  const { table, param } = jsonSql(tx);
  const [row] = await tx.query<{ value: number }>(
    `INSERT INTO ${table("Revision")} AS r ("id", "value", "createdAt", "updatedAt")
      VALUES (1, 1, ${param(1)}, ${param(2)})
      ON CONFLICT ("id") DO UPDATE SET "value" = r."value" + 1, "updatedAt" = ${param(3)}
      RETURNING "value"`,
    [now, now, now],
  );
  return row?.value ?? 0;
}

/**
 * Replaces the whole knowledge base's rows with `rows` in one transaction (a
 * synthetic knowledge base: `npm run synth`), then runs `after` in it.
 */
export async function replaceRows(
  db: Database,
  rows: KnowledgeRows,
  after: (tx: SqlTransaction) => Promise<void>,
): Promise<ApplyReport> {
  return db.writeTransaction(async (tx) => {
    const sql = sqlRows(tx);
    const now = new Date();
    const scopes = Object.fromEntries(tables.map((table) => [table.rows, "all"])) as Scopes;
    const plans = await planTables(sql, rows, scopes);
    const changed = plansChange(plans);
    const revision = await (changed ? bumpRevision : revisionIn)(tx, now);
    await applyPlans(sql, plans, now);
    if (changed) await insertChanges(sql, recordChanges(plans), revision, now);
    await after(tx);
    return { changed, revision, tables: reportOf(plans) };
  });
}

/**
 * What writing `wanted` into a table would create, update and leave, and
 * (given a scope) delete. It reads the stored rows of the scope, or else
 * only those with the wanted keys, so a write costs what it writes, not what
 * the knowledge base holds.
 */
async function planTable(sql: SqlRows, table: Table, wanted: Row[], scope: Scope | undefined): Promise<Plan> {
  const columns = Object.keys(wanted[0] ?? {});
  const selected = [...new Set([...table.key, ...columns])];
  const stored: Row[] = [];
  if (scope === "all") stored.push(...(await sql.select(table.name, selected)));
  else if (scope) {
    // A scope holds every row the write wants in its table.
    if (scope.values.length > 0) {
      for (const row of await sql.select(table.name, selected, scope))
        if (!scope.contains || scope.contains(row)) stored.push(row);
    }
  } else if (wanted.length > 0) {
    // Through the key's index: by its first column (an id, a link's owner), or by `lookup`.
    const distinct = (column: string) => [...new Set(wanted.map((row) => row[column]))];
    const [few, by = table.key[0] ?? "id"] = table.lookup ?? [];
    const where = {
      column: by,
      values: distinct(by),
      ...(few ? { also: { column: few, values: distinct(few) } } : {}),
    };
    const keys = new Set(wanted.map((row) => keyString(table, row)));
    for (const row of await sql.select(table.name, selected, where))
      if (keys.has(keyString(table, row))) stored.push(row);
  }
  const existing = new Map(stored.map((row) => [keyString(table, row), row]));
  const create: Row[] = [];
  const update: Row[] = [];
  let unchanged = 0;
  for (const row of wanted) {
    const key = keyString(table, row);
    const current = existing.get(key);
    existing.delete(key);
    if (!current) create.push(row);
    else if (columns.some((c) => !sameValue(current[c], row[c]))) update.push(row);
    else unchanged += 1;
  }
  // Without a scope a write deletes nothing: what is left is not the write's.
  return { table, columns, create, update, unchanged, delete: scope ? [...existing.values()] : [] };
}

function keyString(table: Table, row: Row): string {
  return table.key.map((k) => String(row[k])).join("\u0000");
}

/** Whether a stored value is the wanted one: a stored DateTime may come back as a Date or as ISO text. */
function sameValue(stored: unknown, wanted: unknown): boolean {
  if (wanted instanceof Date)
    return stored !== null && new Date(stored as string | Date).getTime() === wanted.getTime();
  return stored === wanted;
}

/** Actors may act for other actors in the same batch: insert those referenced first. */
function parentsFirst(actors: Row[]): Row[] {
  const byId = new Map(actors.map((a) => [a.id, a]));
  const ordered: Row[] = [];
  const placed = new Set<unknown>();
  const place = (actor: Row) => {
    if (placed.has(actor.id)) return;
    placed.add(actor.id);
    const parent = byId.get(actor.actsForId);
    if (parent) place(parent);
    ordered.push(actor);
  };
  actors.forEach(place);
  return ordered;
}
