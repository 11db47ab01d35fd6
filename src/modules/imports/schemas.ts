// Imports: content bundles (one document plus everything drawn from it) added to
// the knowledge base through the API, and the reports of past imports.
import { z } from "zod";
import { type Bundle, bundleLists, bundlePassages, bundleSchema, textLimits } from "../../content/bundle-schema.js";
import { booleanQuery } from "../../http/boolean-query.js";
import { int32 } from "../../http/int32.js";
import { Change } from "../changes/schemas.js";
import { recordId } from "../record-refs.js";

/** The most records (actors, events, claims, implications, issues, positions, resolutions, cited sources) one bundle may hold. */
export const maxBundleRecords = 5_000;

/**
 * Each distinct passage is looked for in the whole document text, so passages
 * times text length bounds an import's search time: about 0.1 s at this budget
 * (2 MB of text and 200 passages, or 20 KB and 20,000).
 */
export const evidenceSearchBudget = 400_000_000;

/** What a bundle may not hold however valid each record: too many records, or too many passages for its text. */
export function capacityIssues(bundle: Bundle): { path: (string | number)[]; message: string }[] {
  const count = (Object.keys(bundleLists) as (keyof typeof bundleLists)[]).reduce(
    (sum, list) => sum + bundle[list].length,
    0,
  );
  const passages = bundlePassages(bundle).size;
  const allowed = Math.floor(evidenceSearchBudget / bundle.document.text.length);
  return [
    ...(count > maxBundleRecords
      ? [{ path: [], message: `holds ${count} records; a bundle may hold at most ${maxBundleRecords}` }]
      : []),
    ...(passages > allowed
      ? [
          {
            path: ["document", "text"],
            message: `${passages} distinct passages cite a text of ${bundle.document.text.length} characters; a text this long may be cited by at most ${allowed}`,
          },
        ]
      : []),
  ];
}

export const ContentBundle = bundleSchema
  .superRefine((bundle, ctx) => {
    for (const issue of capacityIssues(bundle)) ctx.addIssue({ code: "custom", ...issue });
  })
  .meta({
    id: "ContentBundle",
    description:
      "A source document (with its full text) and the actors, events, claims, implications, issues and positions drawn from it, and its resolutions of earlier documents' implications; the format of seed/. Every evidence entry is a verbatim passage of `document.text`. Actors and issues already in the knowledge base may be referenced by id without being defined, and a resolution resolves an implication already stored. At most 5,000 records in all, and distinct passages times the text's length at most 400,000,000 (200 passages of a 2 MB text, 20,000 of a 20 KB one).",
  });

const TableChanges = z.object({ created: int32(), updated: int32(), unchanged: int32(), deleted: int32() }).meta({
  id: "TableChanges",
  description:
    "What an import did to one table. `deleted`: rows of records no document states any more, and links and evidence the document no longer gives.",
});

const StatementChanges = z
  .object({
    made: int32().describe(
      "Statements about a record the document makes for the first time, or otherwise than before.",
    ),
    kept: int32().describe("Statements the document makes exactly as before."),
    retracted: int32().describe(
      "Statements taken back: no longer made, or made otherwise (then also counted in `made`).",
    ),
  })
  .meta({ id: "StatementChanges", description: "What an import did to its document's statements, one per record." });

export const ImportReport = z
  .object({
    id: z.uuid().max(36).describe("The import's id, for GET /v1/imports/{id}."),
    sourceId: z.string().max(textLimits.id).describe("The bundle's document."),
    revision: int32().describe("The knowledge base's revision after the import."),
    changed: z.boolean().describe("False when the bundle was already there exactly (a repeated import)."),
    tables: z
      .record(z.string().max(50), TableChanges)
      .describe("Per table: rows created, updated, unchanged and deleted."),
    statements: StatementChanges.nullable().describe("Null for an import made before statements were kept."),
    createdAt: z.iso.datetime().max(textLimits.timestamp),
  })
  .meta({
    id: "ImportReport",
    description: "What an import did: to its document's statements, and to the rows derived from them.",
    examples: [
      {
        id: "0b6f6c3e-3f0e-4a55-9b1a-3c0d9f0c2e11",
        sourceId: "us-withdrawal-from-peace-talks-2025",
        revision: 2,
        changed: true,
        tables: { claims: { created: 1, updated: 2, unchanged: 43, deleted: 1 } },
        statements: { made: 3, kept: 140, retracted: 3 },
        createdAt: "2026-11-28T15:00:00.000Z",
      },
    ],
  });
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportParams = z.strictObject({ id: recordId });

export const ImportQuery = z.strictObject({
  dryRun: booleanQuery()
    .default(false)
    .describe(
      "`true`: check the bundle and report what the import would do, writing nothing (200 with a DryRunReport); the same checks, and the same 4xx problems, as the import itself.",
    ),
  acceptDrafts: booleanQuery()
    .default(false)
    .describe(
      "`true`: import records still marked `draft` (as `kb draft` proposed them), dropping the marks; otherwise a bundle with a draft record is refused (400), each draft named.",
    ),
});

export const DryRunReport = z
  .object({
    dryRun: z.literal(true),
    sourceId: z.string().max(textLimits.id).describe("The bundle's document."),
    changed: z.boolean().describe("False when the import would change nothing (the bundle is there exactly)."),
    revision: int32().describe("The revision the import would make, were nothing else written first."),
    tables: z
      .record(z.string().max(50), TableChanges)
      .describe("Per table: rows the import would create, update, leave unchanged and delete."),
    statements: StatementChanges.describe("What the import would do to its document's statements."),
    records: z
      .array(Change.pick({ type: true, id: true, change: true }))
      .max(2 * maxBundleRecords)
      .describe(
        "Each record the import would create, update or delete, as the change feed would list it; unchanged records are counted in `tables` only.",
      ),
  })
  .meta({
    id: "DryRunReport",
    description: "What an import of the bundle would do now; nothing was written.",
    examples: [
      {
        dryRun: true,
        sourceId: "eu-sanctions-note-2026",
        changed: true,
        revision: 3,
        tables: { claims: { created: 2, updated: 0, unchanged: 0, deleted: 0 } },
        statements: { made: 6, kept: 0, retracted: 0 },
        records: [{ type: "claims", id: "statement-ukraine-welcomes-eu-sanctions", change: "created" }],
      },
    ],
  });
export type DryRunReport = z.infer<typeof DryRunReport>;
