// Drafting an article against the knowledge base: the actors it already has
// are matched and linked, and no drafted id is one it already uses.
import type { Bundle, BundleInput } from "../../content/bundle-schema.js";
import type { SteppedWork } from "../../content/event-loop-share.js";
import type { Database } from "../../db/database.js";
import type { DraftingKnowledge, DraftRequest } from "../../drafting/draft-bundle.js";
import type { ActorKind } from "../../drafting/known-actors.js";
import { ContentBundle } from "../imports/schemas.js";

type Run = (work: SteppedWork<BundleInput>) => BundleInput | Promise<BundleInput>;

const idsOf = (records: { id: string }[] | undefined) => (records ?? []).map((r) => r.id);

/**
 * The draft of `request`'s text. Drafted once, then again with the ids the
 * knowledge base turns out to have taken, if any (drafting is deterministic,
 * and a tenth of a second for an article: cheaper than loading every id the
 * knowledge base has).
 */
export async function draftArticle(db: Database, request: DraftRequest, run: Run): Promise<Bundle> {
  // Loaded on the first draft: compromise's lexicon and chrono are some 20 MB of a server's memory that only drafting needs.
  const { draftingBundle } = await import("../../drafting/draft-bundle.js");
  const rows = await db.prisma.actor.findMany({
    select: { id: true, kind: true, name: true, aliases: true, actsForId: true },
  });
  const actors = rows.map((row) => ({
    id: row.id,
    kind: row.kind as ActorKind,
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    actsFor: row.actsForId,
  }));
  const taken = new Set(actors.map((a) => `actor/${a.id}`));
  const knowledge: DraftingKnowledge = { actors, taken: (type, id) => taken.has(`${type}/${id}`) };
  const where = (ids: string[]) => ({ where: { id: { in: ids } }, select: { id: true } });
  // A renamed id may itself be taken: at most a few passes, as each one finds fewer.
  for (let pass = 1; ; pass++) {
    const draft = await run(draftingBundle(request, knowledge));
    const found = await Promise.all([
      db.prisma.actor.findMany(where(idsOf(draft.actors).filter((id) => !taken.has(`actor/${id}`)))),
      db.prisma.event.findMany(where(idsOf(draft.events))),
      db.prisma.claim.findMany(where(idsOf(draft.claims))),
      db.prisma.implication.findMany(where(idsOf(draft.implications))),
    ]);
    const before = taken.size;
    (["actor", "event", "claim", "implication"] as const).forEach((type, i) => {
      for (const row of found[i] ?? []) taken.add(`${type}/${row.id}`);
    });
    // Checked as an import checks it: a draft that is not a valid bundle is a fault of drafting's (500), never the client's.
    if (taken.size === before || pass === 5) return ContentBundle.parse(draft);
  }
}
