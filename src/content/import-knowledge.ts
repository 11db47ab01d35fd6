// Loads an export (`kb export`) in one transaction: every bundle is validated
// and resolved as an import would be, with the actors, issues and implications any bundle of
// the export defines counted as known to all of them, then every document written at once.
import { z } from "zod";
import type { KbClient } from "../db/database.js";
import { type Bundle, bundleSchema, draftProblems } from "./bundle-schema.js";
import { ContentError, type ContentProblem } from "./content-error.js";
import { type KnownIds, type ResolvedDocument, referencedActorIds, resolveDocument } from "./resolve-bundle.js";
import type { WriteReport } from "./write-documents.js";

export const knowledgeExportSchema = z.strictObject({
  format: z.literal("kb-export"),
  version: z.literal(1),
  revision: z.int().min(0),
  bundles: z.array(bundleSchema).max(100_000),
});

/**
 * The actors, issues and implications bundles may reference without defining:
 * those any of them defines, and those already in the knowledge base.
 */
export async function knownIds(prisma: KbClient, bundles: Bundle[]): Promise<KnownIds> {
  const definedBy = (list: (bundle: Bundle) => { id: string }[]) =>
    new Set(bundles.flatMap((bundle) => list(bundle).map((record) => record.id)));
  const definedActors = definedBy((bundle) => bundle.actors);
  const definedIssues = definedBy((bundle) => bundle.issues);
  const definedImplications = definedBy((bundle) => bundle.implications);
  const external = (ids: Iterable<string>, defined: Set<string>) => [...new Set(ids)].filter((id) => !defined.has(id));
  const select = { id: true } as const;
  const [actors, issues, implications] = await Promise.all([
    prisma.actor.findMany({
      where: {
        id: {
          in: external(
            bundles.flatMap((bundle) => [...referencedActorIds(bundle)]),
            definedActors,
          ),
        },
      },
      select,
    }),
    prisma.issue.findMany({
      where: {
        id: {
          in: external(
            bundles.flatMap((bundle) => bundle.positions.map((p) => p.issue)),
            definedIssues,
          ),
        },
      },
      select,
    }),
    prisma.implication.findMany({
      where: {
        id: {
          in: external(
            bundles.flatMap((bundle) => bundle.resolutions.map((r) => r.implication)),
            definedImplications,
          ),
        },
      },
      select,
    }),
  ]);
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
  return {
    actor: new Set([...definedActors, ...ids(actors)]),
    issue: new Set([...definedIssues, ...ids(issues)]),
    implication: new Set([...definedImplications, ...ids(implications)]),
  };
}

/** Whether a parsed JSON file is an export (several bundles) rather than one bundle. */
export const isKnowledgeExport = (data: unknown) =>
  typeof data === "object" && data !== null && (data as { format?: unknown }).format === "kb-export";

export async function importKnowledge(
  prisma: KbClient,
  data: unknown,
  write: (documents: ResolvedDocument[]) => Promise<WriteReport>,
): Promise<WriteReport> {
  const parsed = knowledgeExportSchema.safeParse(data);
  if (!parsed.success) {
    throw new ContentError(
      parsed.error.issues.map((i) => ({ where: i.path.join(".") || "(export)", problem: i.message })),
    );
  }
  const { bundles } = parsed.data;
  const known = await knownIds(prisma, bundles);

  const problems: ContentProblem[] = [];
  const parts = bundles.flatMap((bundle, index) => {
    // An export is what a knowledge base holds: a draft in one was never checked.
    const drafts = draftProblems(bundle).map((p) => ({ ...p, where: `bundles.${index}.${p.where}` }));
    problems.push(...drafts);
    try {
      return [resolveDocument(bundle, known)];
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      problems.push(...error.problems.map((p) => ({ ...p, where: `bundles.${index}.${p.where}` })));
      return [];
    }
  });
  if (problems.length > 0) throw new ContentError(problems);
  return write(parts);
}
