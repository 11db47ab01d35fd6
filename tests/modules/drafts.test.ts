// POST /v1/drafts and `kb draft`: an article in, a bundle for review out,
// that an import with drafts accepted takes unchanged: into an empty
// knowledge base, and beside the seed without reusing any of its ids. A write:
// keyed, bounded, and refused with problem+json for anything else.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey } from "../../src/auth/api-keys.js";
import { readSeedDirectory } from "../../src/content/seed-directory.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

const run = promisify(execFile);
const article = readSeedDirectory().document.text;
const newsReport = readFileSync(new URL("../fixtures/drafting/grain-talks.txt", import.meta.url), "utf8");

describeEachDatabase("drafts", (provider) => {
  const apps: { app: Awaited<ReturnType<typeof buildApp>>; database: TestDatabase; writer: string; reader: string }[] =
    [];
  const start = async (seed: boolean) => {
    const database = await createSeededDatabase(provider, { seed });
    const app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, rateLimit: false });
    await app.ready();
    const writer = (await createApiKey(app.db.prisma, "drafter", ["write"])).token;
    const reader = (await createApiKey(app.db.prisma, "auditor", ["read"])).token;
    const started = { app, database, writer, reader };
    apps.push(started);
    return started;
  };
  let seeded: Awaited<ReturnType<typeof start>>;
  let empty: Awaited<ReturnType<typeof start>>;
  const post = (on: typeof seeded, path: string, key: string | undefined, body: unknown) => {
    const test = request(on.app.server).post(path);
    if (key) test.set("authorization", `Bearer ${key}`);
    return test.send(body as object);
  };

  beforeAll(async () => {
    seeded = await start(true);
    empty = await start(false);
  });
  afterAll(async () => {
    for (const { app, database } of apps) {
      await app.close();
      await database.drop();
    }
  });

  it("drafts the article into an empty knowledge base, and the import takes the draft unchanged", async () => {
    const drafted = await post(empty, "/v1/drafts", empty.writer, {
      text: article,
      id: "drafted-article",
      title: "The US threat to leave the peace talks",
      published: "2025-04-30",
    }).expect(200);
    const bundle = drafted.body;
    expect(bundle.document).toMatchObject({ id: "drafted-article", kind: "analysis", text: article });
    expect(bundle.actors.length).toBeGreaterThan(10);
    expect(bundle.implications).toHaveLength(16);
    await post(empty, "/v1/imports", empty.writer, bundle).expect(400);
    const imported = await post(empty, "/v1/imports?acceptDrafts=true", empty.writer, bundle).expect(201);
    expect(imported.body.changed).toBe(true);
    const implications = await request(empty.app.server).get("/v1/implications?limit=100").expect(200);
    expect(implications.body.data).toHaveLength(16);
    // Every quote verbatim: the stored passages are the text's at their offsets.
    for (const implication of implications.body.data)
      for (const quote of implication.evidence) expect(article).toContain(quote.quote);
  });

  it("links the seed's actors by id beside the seed, and uses none of its other ids", async () => {
    const drafted = await post(seeded, "/v1/drafts", seeded.writer, { text: article, published: "2025-04-30" }).expect(
      200,
    );
    const bundle = drafted.body;
    expect(bundle.actors.find((a: { id: string }) => a.id === "volodymyr-zelenskyy")?.draft.rule).toMatch(
      /^known-actor/,
    );
    const ids = bundle.implications.map((i: { id: string }) => i.id);
    // The seed has ukraine-reduced-leverage: the draft's is another.
    expect(ids).toContain("ukraine-reduced-leverage-2");
    expect(ids).not.toContain("ukraine-reduced-leverage");
    const dryRun = await post(seeded, "/v1/imports?dryRun=true&acceptDrafts=true", seeded.writer, {
      ...bundle,
      document: { ...bundle.document, id: "article-drafted-again" },
    }).expect(200);
    // Only the actors new to the knowledge base are created; the known ones are linked.
    const createdActors = dryRun.body.records
      .filter((r: { change: string; type: string }) => r.change === "created" && r.type === "actors")
      .map((r: { id: string }) => r.id);
    const newActors = bundle.actors
      .filter((a: { draft: { rule: string } }) => a.draft.rule.startsWith("new-"))
      .map((a: { id: string }) => a.id);
    expect(createdActors.sort()).toEqual(newActors.sort());
    expect(createdActors).not.toContain("ukraine");
    expect(dryRun.body.records.filter((r: { change: string }) => r.change === "deleted")).toEqual([]);
  });

  it("drafts a news report's statements with their speakers", async () => {
    const drafted = await post(seeded, "/v1/drafts", seeded.writer, {
      text: newsReport,
      kind: "news",
      published: "2026-03-12",
    }).expect(200);
    const speakers = drafted.body.claims
      .filter((c: { kind: string }) => c.kind === "statement")
      .map((c: { speaker: string }) => c.speaker);
    expect(speakers).toEqual(
      expect.arrayContaining(["oleh-marchenko", "irina-volkova", "emre-aksoy", "daniel-reyes", "united-states"]),
    );
    expect(drafted.body.document).toMatchObject({ kind: "news", title: "Grain corridor talks resume in Istanbul" });
  });

  describe("refuses, with problem+json, before any drafting", () => {
    const expectProblem = (response: request.Response, status: number) => {
      expect(response.status).toBe(status);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    };
    it("a request without a key (401) or with a read key (403)", async () => {
      expectProblem(await post(seeded, "/v1/drafts", undefined, { text: "Hello." }), 401);
      expectProblem(await post(seeded, "/v1/drafts", seeded.reader, { text: "Hello." }), 403);
    });
    it("a body that is not JSON (415), or too large (413)", async () => {
      const text = await request(seeded.app.server)
        .post("/v1/drafts")
        .set("authorization", `Bearer ${seeded.writer}`)
        .set("content-type", "text/plain")
        .send("Hello.");
      expectProblem(text, 415);
      const huge = await post(seeded, "/v1/drafts", seeded.writer, { text: "x".repeat(1_100_000) });
      expectProblem(huge, 413);
    });
    it("a text too long, a lone surrogate, an unknown field, a date that is not one (400)", async () => {
      for (const body of [
        { text: "a ".repeat(50_001) },
        { text: "Kyiv \ud800 said." },
        { text: "Kyiv said.", colour: "red" },
        { text: "Kyiv said.", published: "2025-02-30" },
        { text: "Kyiv said.", id: "Not A Slug" },
        { text: "" },
      ]) {
        const response = await post(seeded, "/v1/drafts", seeded.writer, body);
        expectProblem(response, 400);
      }
    });
  });

  it.skipIf(provider !== "sqlite")(
    "kb draft writes the bundle and its preview; kb import --accept-drafts takes it",
    async () => {
      const output = join(tmpdir(), `kb-draft-${process.pid}.json`);
      const preview = join(tmpdir(), `kb-draft-${process.pid}.html`);
      const env = { ...process.env, DATABASE_URL: empty.database.url };
      const kb = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli/kb.ts", ...args], { env });
      const drafted = await kb(
        "draft",
        "tests/fixtures/drafting/black-sea-deal.txt",
        "--id",
        "black-sea-deal-note",
        "--published",
        "2026-04-02",
        "--output",
        output,
        "--preview",
        preview,
      );
      expect(drafted.stderr).toMatch(/drafted \d+ actors, \d+ events, \d+ claims and 6 implications/);
      const bundle = JSON.parse(readFileSync(output, "utf8"));
      expect(bundle.document.id).toBe("black-sea-deal-note");
      expect(readFileSync(preview, "utf8")).toContain('class="hl implication');
      await expect(kb("import", output)).rejects.toMatchObject({ stderr: expect.stringContaining("is a draft") });
      const imported = await kb("import", output, "--accept-drafts");
      expect(imported.stdout).toContain("import");
      await expect(kb("draft", "no-such-file.txt")).rejects.toMatchObject({ code: 1 });
      await expect(kb("draft")).rejects.toMatchObject({ code: 2 });
    },
  );
});
