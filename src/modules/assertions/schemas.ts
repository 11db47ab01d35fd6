// What each record says of its sources: how many documents state it, where
// they disagree, and (on request) what each one states; and the list of
// everything one document states.
import { z } from "zod";
import { textLimits } from "../../content/bundle-schema.js";
import { recordTypes } from "../../content/statements.js";
import { booleanQuery } from "../../http/boolean-query.js";
import { int32, int32Query } from "../../http/int32.js";
import { listOf, pageQuery } from "../../http/pagination.js";
import { Evidence, embeddedList, Figure, recordId, SourceRef } from "../record-refs.js";

/** The most conflicting fields a record lists, values per field, and documents per value. */
const conflictLimits = { fields: 10, values: 100, sources: 1_000 } as const;

export const Conflict = z
  .object({
    field: z
      .string()
      .max(50)
      .describe("The field the documents disagree on: `date`, `endDate`, `kind`, `speaker` or `figure`."),
    values: z
      .array(
        z.object({
          value: z.union([z.string().max(textLimits.summary), Figure]).describe("One value a document gives."),
          sources: z
            .array(z.string().max(textLimits.id))
            .max(conflictLimits.sources)
            .describe("The documents that give this value, the originating one first."),
        }),
      )
      .max(conflictLimits.values),
  })
  .meta({
    id: "Conflict",
    description:
      "Documents that disagree on a comparable field. The record shows the originating document's value; the disagreement is never resolved by silence.",
    examples: [
      {
        field: "figure",
        values: [
          { value: { value: 66_500_000_000, unit: "USD" }, sources: ["us-withdrawal-from-peace-talks-2025"] },
          { value: { value: 65_900_000_000, unit: "USD" }, sources: ["aid-tally-2025"] },
        ],
      },
    ],
  });
export type Conflict = z.infer<typeof Conflict>;

/** What every record says of its provenance. */
export const provenance = {
  sourceCount: int32().describe("How many distinct documents state this record (corroboration)."),
  conflicts: z
    .array(Conflict)
    .max(conflictLimits.fields)
    .describe("Where the documents stating this record disagree; empty when they do not."),
};

export function toProvenance(row: { sourceCount: number | bigint; conflicts: string }) {
  return {
    sourceCount: Number(row.sourceCount),
    conflicts: row.conflicts === "[]" ? [] : (JSON.parse(row.conflicts) as Conflict[]),
  };
}

/** A document's statement of a record's fields and links, in the content bundle's shape. */
const StatedFields = z
  .record(z.string().max(50), z.unknown())
  .describe(
    "The fields and links this document states for the record, as its bundle gave them (without `id` and `evidence`).",
  );

export const Attestation = z
  .object({
    source: SourceRef.describe("The document."),
    since: int32().describe("The revision since which the document has stated the record."),
    revision: int32().describe("The revision at which the document last changed what it states."),
    fields: StatedFields,
    evidence: embeddedList(Evidence).describe("The document's passages supporting the record."),
  })
  .meta({
    id: "Attestation",
    description: "What one document states about a record, with its evidence (`include=attestations`).",
  });
export type Attestation = z.infer<typeof Attestation>;

/** The optional `attestations` member of a record, in the order of the README's rule: the originating document first. */
export const attestations = embeddedList(Attestation)
  .optional()
  .describe(
    "Present with `include=attestations`: what each document states, the originating one first; the first 100 (`sourceCount` says how many state it).",
  );

/** The list filters every record list takes. */
export const provenanceFilters = {
  minSources: int32Query(1, 1_000_000)
    .optional()
    .describe("Only records that at least this many documents state (corroborated)."),
  contested: booleanQuery()
    .optional()
    .describe(
      "`true`: only records whose documents disagree (`conflicts` not empty); `false`: only those whose do not.",
    ),
};

export const SourceAssertion = z
  .object({
    recordType: z.enum(recordTypes),
    recordId: z.string().max(textLimits.id),
    path: z
      .string()
      .max(2 * textLimits.id + 20)
      .describe("The record's path in the API."),
    since: int32(),
    revision: int32(),
    fields: StatedFields,
  })
  .meta({ id: "SourceAssertion", description: "One record as one document states it." });

export const SourceAssertionList = listOf(
  SourceAssertion,
  "SourceAssertionList",
  "A page of what one document states, by record type and id.",
);

export const SourceAssertionsQuery = z.strictObject({
  recordType: z.enum(recordTypes).optional().describe("Only statements about records of this type."),
  ...pageQuery,
});
export const SourceAssertionsParams = z.strictObject({ id: recordId });
