// Synthetic knowledge bases for load tests: the article's content repeated N
// times as N analyses (every record id suffixed per copy), so tables grow with
// the real shape: actors, events, claims with evidence, implications.
//
// Shapes: `shared` (the default) is how a real knowledge base grows. Every
// analysis speaks of the same countries, blocs and people, so the article's
// actors are stored once and every copy references them: Ukraine's claims,
// events and evidence grow with N. A long tail of per-document actors comes
// from every other copy, whose people are its own (their twins, `-s<n>`).
// `copies` copies the actors too, so each actor's lists stay as short as the
// article's at any scale (the shape before issue 18, kept for comparison).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Database, rawTable } from "../db/database.js";
import { migrationsDir } from "../db/schema-files.js";
import { quoteIdentifier } from "../db/sql-driver.js";
import { type ApplyReport, replaceRows } from "./apply-rows.js";
import type { KnowledgeRows } from "./rows.js";

export const syntheticShapes = ["shared", "copies"] as const;
export type SyntheticShape = (typeof syntheticShapes)[number];

type Row = Record<string, unknown>;
/** How a copy rewrites a row's fields: a record id of its own, or a reference to an actor. */
type Fields = Record<string, "own" | "actor">;

export function synthesize(seed: KnowledgeRows, scale: number, shape: SyntheticShape = "shared"): KnowledgeRows {
  const people = new Set(seed.actors.filter((actor) => actor.kind === "person").map((actor) => actor.id));
  const own = (copy: number, id: string) => (copy === 0 ? id : `${id}-s${copy}`);
  /** Whether copy `copy` has an actor of its own for the article's actor `id`. */
  const ownsActor = (copy: number, id: string) =>
    copy > 0 && (shape === "copies" || (people.has(id) && copy % 2 === 1));
  const actorIn = (copy: number, id: string) => (ownsActor(copy, id) ? own(copy, id) : id);

  const rewrite = (row: Row, fields: Fields, copy: number): Row => {
    if (copy === 0) return row;
    const out = { ...row };
    for (const [field, kind] of Object.entries(fields)) {
      const value = out[field];
      if (typeof value === "string") out[field] = kind === "own" ? own(copy, value) : actorIn(copy, value);
    }
    return out;
  };
  const copies = Array.from({ length: scale }, (_, copy) => copy);
  const all = <T extends object>(rows: T[], fields: Fields, keep: (row: T, copy: number) => boolean = () => true) =>
    copies.flatMap((copy) =>
      rows.filter((row) => keep(row, copy)).map((row) => rewrite(row as Row, fields, copy) as T),
    ) as T[];
  // An actor row, or its search document, exists in the article's copy and in each copy that has its own.
  const actorExists = (id: string, copy: number) => copy === 0 || ownsActor(copy, id);

  return {
    sources: all(seed.sources, { id: "own" }),
    citations: all(seed.citations, { citingId: "own", citedId: "own" }),
    actors: all(seed.actors, { id: "actor", actsForId: "actor" }, (actor, copy) => actorExists(actor.id, copy)),
    actorIdentities: all(seed.actorIdentities, { actorId: "actor" }, (identity, copy) =>
      actorExists(identity.actorId, copy),
    ),
    events: all(seed.events, { id: "own" }),
    participants: all(seed.participants, { eventId: "own", actorId: "actor" }),
    // Undated, for the same reason: the backfill's statements predate claims' dates.
    claims: all(
      seed.claims.map((claim) => ({ ...claim, date: null, datePrecision: null, dateStart: null, dateEnd: null })),
      { id: "own", speakerId: "actor" },
    ),
    claimActors: all(seed.claimActors, { claimId: "own", actorId: "actor" }),
    implications: all(seed.implications, { id: "own" }),
    implicationActors: all(seed.implicationActors, { implicationId: "own", actorId: "actor" }),
    implicationClaims: all(seed.implicationClaims, { implicationId: "own", claimId: "own" }),
    // The statements of a synthetic knowledge base are made by the backfill (below), which
    // predates issues, positions and resolutions: copies of them would be records no statement derives.
    issues: [],
    positions: [],
    resolutions: [],
    evidence: all(
      seed.evidence.filter((row) => row.issueId === null && row.positionId === null && row.resolutionId === null),
      {
        id: "own",
        sourceId: "own",
        actorId: "actor",
        eventId: "own",
        claimId: "own",
        implicationId: "own",
        mentionedSourceId: "own",
      },
    ),
    searchDocuments: copies.flatMap((copy) =>
      seed.searchDocuments
        .filter((doc) => doc.type !== "actor" || actorExists(doc.recordId, copy))
        .map((doc) => ({
          ...doc,
          recordId: doc.type === "actor" ? actorIn(copy, doc.recordId) : own(copy, doc.recordId),
        })),
    ),
  };
}

/**
 * The migration that turned stored records into their documents' statements:
 * a synthetic knowledge base's statements are made by it, as an upgraded
 * database's were, rather than by importing thousands of documents one by one.
 */
const statementsMigration = "20261201191751_assertions_backfill";

/** Replaces the knowledge base with synthetic rows, and makes the statements they derive from. */
export async function writeSynthetic(db: Database, rows: KnowledgeRows): Promise<ApplyReport> {
  const { provider } = db.location;
  const backfill = readFileSync(join(migrationsDir(provider), statementsMigration, "migration.sql"), "utf8");
  const statements = backfill.split(/;\s*\n/).filter((sql) => /\S/.test(sql.replace(/--.*$/gm, "")));
  return replaceRows(db, rows, async (tx) => {
    await tx.execute(`DELETE FROM ${rawTable(tx, "Assertion")}`);
    if (db.location.provider === "postgresql")
      await tx.execute(`SET LOCAL search_path TO ${quoteIdentifier(db.location.schema)}`);
    for (const statement of statements) await tx.execute(statement);
  });
}
