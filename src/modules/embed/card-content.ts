// What a card shows, whatever the record: a title, a line saying what it is,
// a summary, the actors involved, how many sources state it and where they
// disagree, and the verbatim quotes that support it.
import type { Database } from "../../db/database.js";
import { getActor } from "../actors/service.js";
import type { Conflict } from "../assertions/schemas.js";
import { getClaim } from "../claims/service.js";
import { getEvent } from "../events/service.js";
import { getImplication } from "../implications/service.js";
import type { JsonLdRecord } from "./json-ld.js";

export const cardKinds = ["implications", "actors", "events", "claims"] as const;
export type CardKind = (typeof cardKinds)[number];

export interface CardContent {
  kind: CardKind;
  id: string;
  title: string;
  /** What the record is: "Consequence", "Person · President", "Event · 2025-04-18"... */
  label: string;
  summary: string;
  actors: { id: string; name: string; role?: string }[];
  /** "Stated by 2 sources". */
  sources: string;
  /** One line per conflicting field: its values, each with the documents giving it. */
  disagreements: string[];
  quotes: { quote: string; source: { id: string; title: string } }[];
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** What a card says of a record's sources: how many state it, and where they disagree. */
function provenanceOf(record: { sourceCount: number; conflicts: Conflict[] }) {
  const shown = (value: Conflict["values"][number]["value"]) =>
    typeof value === "string" ? value : `${value.value.toLocaleString("en")} ${value.unit}`;
  return {
    sources: `Stated by ${record.sourceCount} source${record.sourceCount === 1 ? "" : "s"}`,
    disagreements: record.conflicts.map(
      (conflict) =>
        `${capitalise(conflict.field)}: ${conflict.values.map((v) => `${shown(v.value)} (${v.sources.join(", ")})`).join(" or ")}`,
    ),
  };
}

/** The record a card shows: its attestations too, for its JSON-LD's derivations. */
const withAttestations = { include: new Set(["attestations"] as const) };

/** A record's card, and the record itself (for its JSON-LD). */
export async function loadCard(
  db: Database,
  kind: CardKind,
  id: string,
): Promise<{ content: CardContent; record: JsonLdRecord }> {
  switch (kind) {
    case "implications": {
      const m = await getImplication(db, id, withAttestations);
      return {
        record: { type: kind, record: m },
        content: {
          kind,
          id,
          title: m.title,
          label: capitalise(m.kind),
          summary: m.summary,
          actors: m.actors.map((a) => ({ id: a.actor.id, name: a.actor.name, role: a.role })),
          ...provenanceOf(m),
          quotes: m.evidence,
        },
      };
    }
    case "actors": {
      const a = await getActor(db, id, withAttestations);
      return {
        record: { type: kind, record: a },
        content: {
          kind,
          id,
          title: a.name,
          label: [capitalise(a.kind), a.role].filter(Boolean).join(" · "),
          summary: a.description,
          actors: a.actsFor ? [{ id: a.actsFor.id, name: a.actsFor.name, role: "acts for" }] : [],
          ...provenanceOf(a),
          quotes: a.evidence,
        },
      };
    }
    case "events": {
      const e = await getEvent(db, id, withAttestations);
      return {
        record: { type: kind, record: e },
        content: {
          kind,
          id,
          title: e.title,
          label: ["Event", e.endDate ? `${e.date} to ${e.endDate}` : e.date, e.location].filter(Boolean).join(" · "),
          summary: e.summary,
          actors: e.participants.map((p) => ({ id: p.actor.id, name: p.actor.name, role: p.role })),
          ...provenanceOf(e),
          quotes: e.evidence,
        },
      };
    }
    case "claims": {
      const c = await getClaim(db, id, withAttestations);
      return {
        record: { type: kind, record: c },
        content: {
          kind,
          id,
          title: c.text,
          label: [capitalise(c.kind), c.speaker ? `by ${c.speaker.name}` : undefined].filter(Boolean).join(" · "),
          summary: c.figure ? `${c.figure.value.toLocaleString("en")} ${c.figure.unit}` : "",
          actors: c.about.map((a) => ({ id: a.id, name: a.name })),
          ...provenanceOf(c),
          quotes: c.evidence,
        },
      };
    }
  }
}
