// The knowledge base's command line: `npm run kb -- <command>`.

import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createApiKey, listApiKeys, revokeApiKey, type Scope, scopes } from "../auth/api-keys.js";
import { loadConfig } from "../config.js";
import { ContentError } from "../content/content-error.js";
import { runToEnd } from "../content/event-loop-share.js";
import { exportKnowledge } from "../content/export-knowledge.js";
import { importKnowledge, isKnowledgeExport } from "../content/import-knowledge.js";
import { seedDatabase } from "../content/seed.js";
import { writeDocuments } from "../content/write-documents.js";
import { type Database, migrateDatabase, openDatabase, writerLock } from "../db/database.js";
import { parseDatabaseUrl } from "../db/database-url.js";
import { connectSql } from "../db/sql-driver.js";
import { DraftRequest } from "../modules/drafts/schemas.js";
import { draftArticle } from "../modules/drafts/service.js";
import { ContentBundle } from "../modules/imports/schemas.js";
import { dryRunBundle, type ImportOptions, importBundle } from "../modules/imports/service.js";
import { renderDraftPreview } from "../modules/reader/draft-preview.js";
import { reindexSearch } from "../search/reindex.js";

/** Runs `work` on the configured, migrated database, then closes it. */
async function withDatabase(work: (db: Database) => Promise<void>) {
  const { DATABASE_URL } = loadConfig();
  await migrateDatabase(DATABASE_URL);
  const db = await openDatabase(DATABASE_URL);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

const commands: Record<string, { usage: string; summary: string; run: (args: string[]) => Promise<void> }> = {
  migrate: {
    usage: "migrate",
    summary: "apply pending migrations",
    async run() {
      const applied = await migrateDatabase(loadConfig().DATABASE_URL);
      console.log(applied.length > 0 ? `applied ${applied.join(", ")}` : "no pending migrations");
    },
  },
  reindex: {
    usage: "reindex",
    summary: "rebuild the search index of every document (after editing seed/spellings.json)",
    async run() {
      const { DATABASE_URL } = loadConfig();
      await migrateDatabase(DATABASE_URL);
      const connection = await connectSql(parseDatabaseUrl(DATABASE_URL));
      try {
        console.log(`reindexed ${await reindexSearch(connection, { all: true })} search documents`);
      } finally {
        await connection.close();
      }
    },
  },
  seed: {
    usage: "seed",
    summary: "load seed/ into the knowledge base (idempotent; removes what seed/ no longer has)",
    run: () =>
      withDatabase(async (db) => {
        const report = await seedDatabase(db, undefined, (documents, options) =>
          writeDocuments(db, documents, { ...options, lock: writerLock(db) }),
        );
        console.log(
          report.changed ? `seeded, revision ${report.revision}` : `nothing changed, revision ${report.revision}`,
        );
        console.table(report.tables);
      }),
  },
  import: {
    usage: "import <bundle.json | export.json> [--accept-drafts]",
    summary: "import a content bundle, or a whole export, in one transaction (idempotent)",
    run: (args) =>
      withDatabase(async (db) => {
        const { file, acceptDrafts } = bundleArguments(args, "import");
        const data: unknown = JSON.parse(readFileSync(file, "utf8"));
        if (isKnowledgeExport(data)) {
          const report = await importKnowledge(db.prisma, data, (documents) =>
            writeDocuments(db, documents, { lock: writerLock(db) }),
          );
          console.log(
            `imported the export: ${report.changed ? "changed" : "nothing changed"}, revision ${report.revision}`,
          );
          console.table(report.tables);
          return;
        }
        const report = await importBundle(db, parseBundle(data), { write: operatorWrite(db), acceptDrafts });
        console.log(
          `import ${report.id}: ${report.changed ? "changed" : "nothing changed"}, revision ${report.revision}`,
        );
        console.table(report.tables);
      }),
  },
  check: {
    usage: "check <bundle.json> [--accept-drafts]",
    summary:
      "check a bundle as an import would and report what it would do, writing nothing (exit 0 when it would import)",
    run: (args) =>
      withDatabase(async (db) => {
        const { file, acceptDrafts } = bundleArguments(args, "check");
        const bundle = parseBundle(JSON.parse(readFileSync(file, "utf8")));
        const report = await dryRunBundle(db, bundle, { write: operatorWrite(db), acceptDrafts });
        console.log(
          `${file} would import: ${report.changed ? `changes, as revision ${report.revision}` : "nothing would change"}; statements made ${report.statements.made}, kept ${report.statements.kept}, retracted ${report.statements.retracted}`,
        );
        console.table(report.tables);
        for (const change of report.records) console.log(`  ${change.change.padEnd(8)} ${change.type}/${change.id}`);
      }),
  },
  draft: {
    usage:
      "draft <article.txt> [--id <slug>] [--title <title>] [--kind analysis|news|government] [--publisher <name>] [--url <url>] [--published YYYY-MM-DD] [--output <bundle.json>] [--preview <page.html>]",
    summary:
      "propose a content bundle from a plain-text article, every record marked as a draft to check (stdout by default); --preview also writes the reader's page of it",
    run: (args) =>
      withDatabase(async (db) => {
        const { positionals, values } = parseArgs({
          args,
          allowPositionals: true,
          options: {
            id: { type: "string" },
            title: { type: "string" },
            kind: { type: "string" },
            publisher: { type: "string" },
            url: { type: "string" },
            published: { type: "string" },
            output: { type: "string", short: "o" },
            preview: { type: "string" },
          },
        });
        const [file] = positionals;
        if (!file) throw new UsageError(`draft needs an article file\nusage: ${commands.draft?.usage}`);
        const { output, preview, ...fields } = values;
        const request = DraftRequest.safeParse({ ...fields, text: readFileSync(file, "utf8") });
        if (!request.success) {
          throw new ContentError(
            request.error.issues.map((i) => ({ where: i.path.join(".") || "(options)", problem: i.message })),
          );
        }
        const bundle = await draftArticle(db, request.data, runToEnd);
        const json = `${JSON.stringify(bundle, null, 2)}\n`;
        if (output) writeFileSync(output, json);
        else process.stdout.write(json);
        if (preview) writeFileSync(preview, renderDraftPreview(bundle));
        console.error(
          `drafted ${bundle.actors.length} actors, ${bundle.events.length} events, ${bundle.claims.length} claims and ${bundle.implications.length} implications from ${file}${output ? ` to ${output}` : ""}${preview ? `; preview in ${preview}` : ""}. Check them, then: kb check <bundle> --accept-drafts`,
        );
      }),
  },
  export: {
    usage: "export [--output <file>]",
    summary: "write the whole knowledge base as content bundles, one per document (stdout by default)",
    run: (args) =>
      withDatabase(async (db) => {
        const { values } = parseArgs({ args, options: { output: { type: "string", short: "o" } } });
        const exported = exportKnowledge(db);
        const json = `${JSON.stringify(await exported, null, 2)}\n`;
        if (values.output) {
          writeFileSync(values.output, json);
          const { bundles, revision } = await exported;
          console.error(`exported ${bundles.length} document(s) at revision ${revision} to ${values.output}`);
        } else process.stdout.write(json);
      }),
  },
  stats: {
    usage: "stats [--json]",
    summary: "count what the knowledge base holds",
    run: (args) =>
      withDatabase(async (db) => {
        const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
        const stats = await knowledgeStats(db);
        if (values.json) console.log(JSON.stringify(stats, null, 2));
        else {
          console.log(`${stats.database} knowledge base at revision ${stats.revision}`);
          console.table(stats.records);
        }
      }),
  },
  keys: {
    usage: "keys create --scope write --name <name> | keys revoke <id> | keys list",
    summary: "manage API keys (the secret is shown once, at creation)",
    run: (args) =>
      withDatabase(async (db) => {
        const { positionals, values } = parseArgs({
          args,
          allowPositionals: true,
          options: { scope: { type: "string", multiple: true }, name: { type: "string" } },
        });
        const [action, id] = positionals;
        if (action === "create") {
          const requested = values.scope ?? [];
          const unknown = requested.filter((s) => !scopes.includes(s as Scope));
          if (!values.name || requested.length === 0 || unknown.length > 0) {
            throw new UsageError(`keys create needs --name and --scope (one of: ${scopes.join(", ")})`);
          }
          const key = await createApiKey(db.prisma, values.name, requested as Scope[]);
          console.log(
            `created key ${key.id} (${key.name}, scopes: ${key.scopes.join(" ")}). Its secret is shown only now:\n${key.token}`,
          );
        } else if (action === "revoke" && id) {
          console.log((await revokeApiKey(db.prisma, id)) ? `revoked ${id}` : `no active key ${id}`);
        } else if (action === "list") {
          console.table(await listApiKeys(db.prisma));
        } else {
          throw new UsageError(commands.keys?.usage ?? "");
        }
      }),
  },
};

class UsageError extends Error {}

function bundleArguments(args: string[], command: string) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { "accept-drafts": { type: "boolean" } },
  });
  const [file] = positionals;
  if (!file) throw new UsageError(`${command} needs a bundle file`);
  return { file, acceptDrafts: values["accept-drafts"] ?? false };
}

function parseBundle(data: unknown) {
  const parsed = ContentBundle.safeParse(data);
  if (!parsed.success) {
    throw new ContentError(
      parsed.error.issues.map((i) => ({ where: i.path.join(".") || "(bundle)", problem: i.message })),
    );
  }
  return parsed.data;
}

/** The operator's writes: every document is theirs. */
const operatorWrite =
  (db: Database): ImportOptions["write"] =>
  (documents, hooks) =>
    writeDocuments(db, documents, { lock: writerLock(db), ...hooks });

async function knowledgeStats(db: Database) {
  const p = db.prisma;
  const counted = {
    documents: p.source.count({ where: { text: { not: null } } }),
    citedSources: p.source.count({ where: { text: null } }),
    actors: p.actor.count(),
    events: p.event.count(),
    claims: p.claim.count(),
    implications: p.implication.count(),
    issues: p.issue.count(),
    positions: p.position.count(),
    resolutions: p.resolution.count(),
    evidence: p.evidence.count(),
    imports: p.importRecord.count(),
    activeKeys: p.apiKey.count({ where: { revokedAt: null } }),
  };
  const [counts, revision] = await Promise.all([
    Promise.all(Object.values(counted)),
    p.revision.findUnique({ where: { id: 1 } }),
  ]);
  return {
    database: db.provider,
    revision: revision?.value ?? 0,
    records: Object.fromEntries(Object.keys(counted).map((table, i) => [table, counts[i] ?? 0])) as Record<
      keyof typeof counted,
      number
    >,
  };
}

const [name = "help", ...args] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  console.log("usage: npm run kb -- <command>\n");
  for (const { usage, summary } of Object.values(commands)) console.log(`  ${usage.padEnd(40)} ${summary}`);
  process.exit(name === "help" ? 0 : 2);
}
try {
  await command.run(args);
} catch (error) {
  console.error(error instanceof ContentError || error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
}
