// Writes resolved rows into the knowledge base in one transaction: creates what
// is new, updates what changed (in place, by id), leaves the rest untouched, and
// with `prune` deletes what the content no longer has. Bumps the revision when
// anything changed, so caches keyed on it see the write.
import type { Database, SqlTransaction } from "../db/database.js";
import { jsonSql } from "../db/json-sql.js";
import type { KnowledgeRows } from "./rows.js";
import { type Row, type SqlRows, sqlRows } from "./sql-rows.js";

/** Records that evidence from other documents backs: pruning must leave them (and their links) alone. */
interface ForeignRecords {
  sources: Set<unknown>;
  actor: Set<unknown>;
  event: Set<unknown>;
  claim: Set<unknown>;
  implication: Set<unknown>;
}

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
  /** Whether an absent row belongs to another document's content, so pruning keeps it. */
  foreign: (row: Row, records: ForeignRecords) => boolean;
  /** The record a row is, or belongs to, in the change feed (derived tables: none). */
  owner: (row: Row) => RecordRef | undefined;
}

/** A record as the change feed names it: its collection and id. */
export type RecordRef = [recordType: string, recordId: string];
const self =
  (recordType: string) =>
  (row: Row): RecordRef => [recordType, String(row.id)];

/** Evidence ids read `${document}/${target}/${record}/${n}`: the record it supports. */
const evidenceTargets: Record<string, string> = {
  actor: "actors",
  event: "events",
  claim: "claims",
  implication: "implications",
  source: "sources",
};
function evidenceOwner(id: string): RecordRef | undefined {
  const [, target = "", recordId] = id.split("/");
  const recordType = evidenceTargets[target];
  return recordType && recordId ? [recordType, recordId] : undefined;
}

/** In dependency order: parents before the rows that reference them. */
const tables: Table[] = [
  { rows: "sources", name: "Source", key: ["id"], foreign: (r, f) => f.sources.has(r.id), owner: self("sources") },
  {
    rows: "citations",
    name: "SourceCitation",
    key: ["citingId", "citedId"],
    foreign: (r, f) => f.sources.has(r.citingId),
    owner: (r) => ["sources", String(r.citingId)],
  },
  { rows: "actors", name: "Actor", key: ["id"], foreign: (r, f) => f.actor.has(r.id), owner: self("actors") },
  {
    rows: "actorIdentities",
    name: "ActorIdentity",
    key: ["kind", "value", "actorId"],
    lookup: ["kind", "value"],
    foreign: (r, f) => f.actor.has(r.actorId),
    owner: () => undefined,
  },
  { rows: "events", name: "Event", key: ["id"], foreign: (r, f) => f.event.has(r.id), owner: self("events") },
  {
    rows: "participants",
    name: "EventParticipant",
    key: ["eventId", "actorId"],
    foreign: (r, f) => f.event.has(r.eventId),
    owner: (r) => ["events", String(r.eventId)],
  },
  { rows: "claims", name: "Claim", key: ["id"], foreign: (r, f) => f.claim.has(r.id), owner: self("claims") },
  {
    rows: "claimActors",
    name: "ClaimActor",
    key: ["claimId", "actorId"],
    foreign: (r, f) => f.claim.has(r.claimId),
    owner: (r) => ["claims", String(r.claimId)],
  },
  {
    rows: "implications",
    name: "Implication",
    key: ["id"],
    foreign: (r, f) => f.implication.has(r.id),
    owner: self("implications"),
  },
  {
    rows: "implicationActors",
    name: "ImplicationActor",
    key: ["implicationId", "actorId"],
    foreign: (r, f) => f.implication.has(r.implicationId),
    owner: (r) => ["implications", String(r.implicationId)],
  },
  {
    rows: "implicationClaims",
    name: "ImplicationClaim",
    key: ["implicationId", "claimId"],
    foreign: (r, f) => f.implication.has(r.implicationId),
    owner: (r) => ["implications", String(r.implicationId)],
  },
  {
    rows: "evidence",
    name: "Evidence",
    key: ["id"],
    foreign: (r, f) => f.sources.has(r.sourceId),
    owner: (r) => evidenceOwner(String(r.id)),
  },
  {
    rows: "searchDocuments",
    name: "SearchDocument",
    key: ["type", "recordId"],
    lookup: ["type", "recordId"],
    foreign: (r, f) =>
      r.type === "source" ? f.sources.has(r.recordId) : (f[r.type as keyof ForeignRecords]?.has(r.recordId) ?? false),
    owner: () => undefined,
  },
];

/** Each table's key columns: rows with equal keys are the same record. */
export const tableKeys = Object.fromEntries(tables.map((t) => [t.rows, t.key])) as Record<
  keyof KnowledgeRows,
  string[]
>;

export interface TableChanges {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}
export type ApplyReport = { changed: boolean; revision: number; tables: Record<keyof KnowledgeRows, TableChanges> };

export interface ApplyOptions {
  /**
   * Delete records absent from the rows (the seed: its content is the truth), except
   * those that evidence from other documents backs (imported bundles' content).
   */
  prune: boolean;
  /**
   * Run first inside the transaction to keep other writers out until it commits
   * (`writerLock` on PostgreSQL), so concurrent writes from several instances
   * each plan against what the previous one committed.
   */
  lock?: ((tx: SqlTransaction) => Promise<unknown>) | undefined;
  /**
   * Run after the lock, before planning: may refuse the write (by throwing) or
   * return rows to write too (the import's re-anchored evidence).
   */
  prepare?: (tx: SqlTransaction) => Promise<Partial<KnowledgeRows> | undefined>;
  /** Run once the write is planned, before anything is written: may refuse it, given the rows it would update. */
  review?: (tx: SqlTransaction, updates: PlannedUpdates) => Promise<void>;
  /** Called inside the transaction before it commits (the import's report); a throw rolls everything back. */
  beforeCommit?: (tx: SqlTransaction, report: ApplyReport) => void | Promise<void>;
}

/** The rows a planned write would change in place, by table, each with the record it is or belongs to. */
export type PlannedUpdates = { table: keyof KnowledgeRows; row: Row; record: RecordRef | undefined }[];

export async function applyRows(db: Database, rows: KnowledgeRows, options: ApplyOptions): Promise<ApplyReport> {
  return db.writeTransaction(async (tx) => {
    const sql = sqlRows(tx);
    // Prisma's @default(now()) and @updatedAt, which raw statements do not apply.
    const now = new Date();
    await options.lock?.(tx);
    const extra = (await options.prepare?.(tx)) ?? {};
    // One table after another: a transaction is one connection, and node-postgres
    // deprecates queueing queries on a busy one (an error from pg 9).
    const plans: Plan[] = [];
    for (const table of tables) {
      const wanted = [...rows[table.rows], ...(extra[table.rows] ?? [])] as unknown as Row[];
      plans.push(await planTable(sql, table, wanted, options.prune));
    }
    await options.review?.(
      tx,
      tables.flatMap((table, index) =>
        (plans[index]?.update ?? []).map((row) => ({ table: table.rows, row, record: table.owner(row) })),
      ),
    );
    for (const [index, table] of tables.entries()) {
      const plan = plans[index];
      if (!plan) continue;
      const columns = [...plan.columns, "createdAt", "updatedAt"];
      const created = table.rows === "actors" ? parentsFirst(plan.create) : plan.create;
      await sql.insert(table.name, columns, created, { createdAt: now, updatedAt: now });
      for (const row of plan.update)
        await sql.update(table.name, table.key, [...plan.columns, "updatedAt"], { ...row, updatedAt: now });
    }
    if (options.prune) {
      const foreign = await foreignRecords(tx, sql, rows);
      for (const [index, table] of [...tables.entries()].reverse()) {
        const plan = plans[index];
        if (!plan) continue;
        plan.delete = plan.delete.filter((row) => !table.foreign(row, foreign));
        await sql.delete(table.name, table.key, plan.delete);
      }
    }
    const report = Object.fromEntries(
      tables.map((table, index) => {
        const plan = plans[index];
        return [
          table.rows,
          {
            created: plan?.create.length ?? 0,
            updated: plan?.update.length ?? 0,
            unchanged: plan?.unchanged ?? 0,
            deleted: options.prune ? (plan?.delete.length ?? 0) : 0,
          },
        ];
      }),
    ) as ApplyReport["tables"];
    const changed = Object.values(report).some((t) => t.created + t.updated + t.deleted > 0);
    const revision = await (changed ? bumpRevision : revisionIn)(tx, now);
    if (changed) {
      const changes = recordChanges(plans, options.prune);
      await sql.insert("Change", ["recordType", "recordId", "change", "revision", "createdAt"], changes, {
        revision,
        createdAt: now,
      });
    }
    const applied = { changed, revision, tables: report };
    await options.beforeCommit?.(tx, applied);
    return applied;
  });
}

type Plan = Awaited<ReturnType<typeof planTable>>;

/**
 * What a write did to each record: created, updated or deleted itself, or (a
 * change to its links or evidence) updated. Derived tables are not records.
 */
function recordChanges(plans: (Plan | undefined)[], prune: boolean) {
  const changes = new Map<string, { recordType: string; recordId: string; change: string }>();
  const note = (ref: RecordRef | undefined, change: string, overwrite: boolean) => {
    if (!ref) return;
    const key = ref.join("\u0000");
    if (overwrite || !changes.has(key)) changes.set(key, { recordType: ref[0], recordId: ref[1], change });
  };
  const passes = [true, false] as const;
  for (const records of passes) {
    for (const [index, table] of tables.entries()) {
      const plan = plans[index];
      const isRecord = table.key.length === 1 && table.key[0] === "id" && table.rows !== "evidence";
      if (!plan || isRecord !== records || table.rows === "searchDocuments") continue;
      for (const [rows, change] of [
        [plan.create, "created"],
        [plan.update, "updated"],
        [prune ? plan.delete : [], "deleted"],
      ] as const) {
        for (const row of rows) note(table.owner(row), records ? change : "updated", records);
      }
    }
  }
  return [...changes.values()];
}

/** The revision, in the write's transaction. */
async function revisionIn(tx: SqlTransaction): Promise<number> {
  const [row] = await tx.query<{ value: number }>(
    `SELECT "value" FROM ${jsonSql(tx).table("Revision")} WHERE "id" = 1`,
  );
  return row?.value ?? 0;
}

async function bumpRevision(tx: SqlTransaction, now: Date): Promise<number> {
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

async function foreignRecords(tx: SqlTransaction, sql: SqlRows, rows: KnowledgeRows): Promise<ForeignRecords> {
  const own = new Set(rows.sources.map((source) => source.id));
  // The documents that give evidence, not a row per passage.
  const cited = await tx.query<{ sourceId: string }>(
    `SELECT DISTINCT "sourceId" FROM ${jsonSql(tx).table("Evidence")}`,
  );
  const others = cited.map((row) => row.sourceId).filter((id) => !own.has(id));
  const columns = ["sourceId", "actorId", "eventId", "claimId", "implicationId", "mentionedSourceId"] as const;
  const evidence = await sql.select("Evidence", [...columns], { column: "sourceId", values: others });
  const ids = (column: (typeof columns)[number]) => new Set(evidence.map((e) => e[column]).filter((id) => id !== null));
  return {
    sources: new Set([...ids("sourceId"), ...ids("mentionedSourceId")]),
    actor: ids("actorId"),
    event: ids("eventId"),
    claim: ids("claimId"),
    implication: ids("implicationId"),
  };
}

/**
 * What writing `wanted` into a table would create, update and leave. A pruning
 * write (the seed) reads the whole table, to find what the content no longer
 * has; any other reads only the rows with the wanted keys, so an import costs
 * what its bundle costs, not what the knowledge base holds.
 */
async function planTable(sql: SqlRows, table: Table, wanted: Row[], prune: boolean) {
  const columns = Object.keys(wanted[0] ?? {});
  const selected = [...new Set([...table.key, ...columns])];
  const stored: Row[] = [];
  if (prune) stored.push(...(await sql.select(table.name, selected)));
  else if (wanted.length > 0) {
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
  return { columns, create, update, unchanged, delete: [...existing.values()] };
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
