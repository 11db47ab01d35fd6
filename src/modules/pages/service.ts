// What the front door shows: how much the knowledge base holds, its actors,
// and the documents most recently imported.
import type { Database } from "../../db/database.js";
import { jsonSql } from "../../db/json-sql.js";
import { listActors } from "../actors/service.js";
import type { HomeContent } from "./home-page.js";

const counted = ["Actor", "Event", "Claim", "Implication", "Source"] as const;

export async function loadHome(db: Database): Promise<HomeContent> {
  const sql = jsonSql(db);
  const [[counts], actors, documents] = await Promise.all([
    db.queryRows<Record<(typeof counted)[number], number | bigint | string>>(
      `SELECT ${counted.map((table) => `(SELECT count(*) FROM ${sql.table(table)}) AS "${table}"`).join(", ")}`,
      [],
    ),
    listActors(db, { limit: 100 }),
    db.queryRows<{ id: string; title: string; publisher: string | null; updatedAt: Date | string | number }>(
      `SELECT "id", "title", "publisher", "updatedAt" FROM ${sql.table("Source")}
        WHERE "text" IS NOT NULL ORDER BY "updatedAt" DESC, "id" LIMIT 5`,
      [],
    ),
  ]);
  const count = (table: (typeof counted)[number]) => Number(counts?.[table] ?? 0);
  return {
    counts: {
      actors: count("Actor"),
      events: count("Event"),
      claims: count("Claim"),
      implications: count("Implication"),
      sources: count("Source"),
    },
    actors,
    documents: documents.map((d) => ({ ...d, updatedAt: new Date(d.updatedAt) })),
  };
}
