// Reads the seed directory (the article's text plus one JSON file per kind of
// record) into a content bundle, reporting every problem by file and record.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { projectFile } from "../project-files.js";
import { type Bundle, bundleSchema } from "./bundle-schema.js";
import { ContentError, type ContentProblem } from "./content-error.js";
import { type ResolvedDocument, resolveBundle, resolveDocument } from "./resolve-bundle.js";
import type { KnowledgeRows } from "./rows.js";

export const defaultSeedDirectory = projectFile("seed/");

const sectionFiles: Record<string, string> = {
  document: "sources.json",
  citedSources: "sources.json",
  actors: "actors.json",
  events: "events.json",
  claims: "claims.json",
  implications: "implications.json",
  issues: "issues.json",
  positions: "positions.json",
};

export function readSeedDirectory(directory = defaultSeedDirectory): Bundle {
  const problems: ContentProblem[] = [];
  const readJson = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(join(directory, file), "utf8"));
    } catch (error) {
      problems.push({ where: file, problem: `cannot be read as JSON: ${(error as Error).message}` });
      return undefined;
    }
  };

  const sources = readJson("sources.json") as { document?: { textFile?: unknown }; citedSources?: unknown } | undefined;
  const { textFile, ...document } = sources?.document ?? {};
  let text: string | undefined;
  if (typeof textFile !== "string") {
    problems.push({
      where: "sources.json",
      record: "document",
      problem: "document.textFile must name the source text file",
    });
  } else {
    try {
      text = readFileSync(join(directory, textFile), "utf8");
    } catch (error) {
      problems.push({ where: textFile, problem: `cannot be read: ${(error as Error).message}` });
    }
  }
  const raw = {
    document: { ...document, text },
    citedSources: sources?.citedSources,
    actors: readJson("actors.json"),
    events: readJson("events.json"),
    claims: readJson("claims.json"),
    implications: readJson("implications.json"),
    issues: readJson("issues.json"),
    positions: readJson("positions.json"),
  };
  if (problems.length > 0) throw new ContentError(problems);

  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw new ContentError(parsed.error.issues.map((issue) => toProblem(raw, issue)));
  return parsed.data;
}

/** Reads and resolves the seed directory as the article's document; throws ContentError naming file and record. */
export function loadSeedDocument(directory = defaultSeedDirectory): ResolvedDocument {
  const bundle = readSeedDirectory(directory);
  return inSeedFiles(() => resolveDocument(bundle));
}

/** The seed directory's rows, as if the article were the only document (synthetic knowledge bases start from them). */
export function loadSeedDirectory(directory = defaultSeedDirectory): KnowledgeRows {
  const bundle = readSeedDirectory(directory);
  return inSeedFiles(() => resolveBundle(bundle));
}

/** Names the seed file of each problem resolving a read bundle finds. */
function inSeedFiles<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    throw new ContentError(error.problems.map((p) => ({ ...p, where: `${fileOf(p.where)}: ${p.where}` })));
  }
}

function toProblem(raw: Record<string, unknown>, issue: z.core.$ZodIssue): ContentProblem {
  const path = issue.path.map(String);
  const [section = "", index] = path;
  const records = raw[section];
  const record =
    Array.isArray(records) && index !== undefined ? (records[Number(index)] as { id?: unknown })?.id : undefined;
  return {
    where: `${sectionFiles[section] ?? "sources.json"}: ${issue.path.join(".") || "(root)"}`,
    ...(typeof record === "string" ? { record } : section === "document" ? { record: "document" } : {}),
    problem: issue.message,
  };
}

function fileOf(path: string): string {
  return sectionFiles[path.split(/[.[]/)[0] ?? ""] ?? "sources.json";
}
