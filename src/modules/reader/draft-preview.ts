// `kb draft --preview`: a draft's reader page, before anything is imported,
// with each record's draft mark on its card.
import type { Bundle } from "../../content/bundle-schema.js";
import { keyOf, type ReaderPassage, type ReaderRecord, renderReaderPage } from "./reader-page.js";

export function renderDraftPreview(bundle: Bundle): string {
  const { text } = bundle.document;
  const records: (ReaderRecord & { evidence: string[] })[] = [
    ...bundle.actors.map((a) => ({
      type: "actor" as const,
      id: a.id,
      label: `Actor · ${a.kind}`,
      title: a.name,
      summary: a.description,
      draft: a.draft,
      evidence: a.evidence,
    })),
    ...bundle.events.map((e) => ({
      type: "event" as const,
      id: e.id,
      label: `Event · ${e.endDate ? `${e.date} to ${e.endDate}` : e.date}`,
      title: e.title,
      summary: e.summary,
      draft: e.draft,
      evidence: e.evidence,
    })),
    ...bundle.claims.map((c) => ({
      type: "claim" as const,
      id: c.id,
      label: `Claim · ${c.kind}${c.speaker ? ` · ${c.speaker}` : ""}`,
      title: c.text,
      draft: c.draft,
      evidence: c.evidence,
    })),
    ...bundle.implications.map((i) => ({
      type: "implication" as const,
      id: i.id,
      label: `Implication · ${i.kind} · for ${i.actors
        .filter((a) => a.role === "subject")
        .map((a) => a.actor)
        .join(", ")}`,
      title: i.title,
      summary: i.summary,
      draft: i.draft,
      evidence: i.evidence,
    })),
  ];
  const passages: ReaderPassage[] = records.flatMap((record) =>
    record.evidence.flatMap((quote) => {
      const start = text.indexOf(quote);
      return start < 0 ? [] : [{ start, end: start + quote.length, record: keyOf(record) }];
    }),
  );
  return renderReaderPage({
    title: bundle.document.title,
    status: `Draft of ${bundle.document.id}, not imported: check it, then kb check <bundle> --accept-drafts`,
    text,
    records: new Map(records.map(({ evidence: _, ...record }) => [keyOf(record), record])),
    passages,
  });
}
