// Synthetic knowledge bases for load tests: the article's content repeated N
// times as N independent analyses (every id suffixed per copy), so tables grow
// with the real shape: actors, events, claims with evidence, implications.
import type { KnowledgeRows } from "./rows.js";

type IdFields<T> = { [K in keyof T]: T[K] extends string | null ? K : never }[keyof T];

export function synthesize(seed: KnowledgeRows, scale: number): KnowledgeRows {
  const copies = Array.from({ length: scale }, (_, i) => i);
  const copy = <T extends object>(rows: T[], fields: IdFields<T>[], index: number): T[] =>
    index === 0
      ? rows
      : rows.map((row) => {
          const out = { ...row } as Record<string, unknown>;
          for (const field of fields) {
            const value = out[field as string];
            if (typeof value === "string") out[field as string] = `${value}-s${index}`;
          }
          return out as T;
        });
  const all = <T extends object>(rows: T[], fields: IdFields<T>[]) => copies.flatMap((i) => copy(rows, fields, i));

  return {
    sources: all(seed.sources, ["id"]),
    citations: all(seed.citations, ["citingId", "citedId"]),
    actors: all(seed.actors, ["id", "actsForId"]),
    events: all(seed.events, ["id"]),
    participants: all(seed.participants, ["eventId", "actorId"]),
    claims: all(seed.claims, ["id", "speakerId"]),
    claimActors: all(seed.claimActors, ["claimId", "actorId"]),
    implications: all(seed.implications, ["id"]),
    implicationActors: all(seed.implicationActors, ["implicationId", "actorId"]),
    implicationClaims: all(seed.implicationClaims, ["implicationId", "claimId"]),
    evidence: all(seed.evidence, [
      "id",
      "sourceId",
      "actorId",
      "eventId",
      "claimId",
      "implicationId",
      "mentionedSourceId",
    ]),
    searchDocuments: all(seed.searchDocuments, ["recordId"]),
  };
}
