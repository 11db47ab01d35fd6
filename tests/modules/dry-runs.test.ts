// A dry run (`POST /v1/imports?dryRun=true`, `kb check`) does every check an
// import does and writes nothing, and reports exactly what the import then
// does; drafts (`kb draft`'s marks) are refused unless accepted, and never
// stored; a near-miss quote's problem carries a hint.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey } from "../../src/auth/api-keys.js";
import { bundleSchemaPath } from "../../src/openapi-document.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

const run = promisify(execFile);

describeEachDatabase("dry runs and drafts", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let importer: string;
  let other: string;
  const post = (path: string, key: string | undefined, body: unknown) => {
    const test = request(app.server).post(path);
    if (key) test.set("authorization", `Bearer ${key}`);
    return test.send(body as object);
  };
  /** What a dry run must leave as it was: every table's rows and the revision. */
  const footprint = async () => {
    const p = app.db.prisma;
    const counts = await Promise.all([
      p.source.count(),
      p.actor.count(),
      p.event.count(),
      p.claim.count(),
      p.implication.count(),
      p.evidence.count(),
      p.assertion.count(),
      p.change.count(),
      p.importRecord.count(),
    ]);
    const revision = (await request(app.server).get("/v1/changes?since=0&limit=1").expect(200)).body.revision;
    return { counts, revision };
  };

  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, rateLimit: false });
    await app.ready();
    importer = (await createApiKey(app.db.prisma, "importer", ["write"])).token;
    other = (await createApiKey(app.db.prisma, "other", ["write"])).token;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  describe("a new bundle", () => {
    let before: Awaited<ReturnType<typeof footprint>>;
    let dryRun: request.Response;

    beforeAll(async () => {
      before = await footprint();
      dryRun = await post("/v1/imports?dryRun=true", importer, bundleFixture());
    });

    it("is reported with 200, and nothing is written", async () => {
      expect(dryRun.status).toBe(200);
      expect(dryRun.headers.location).toBeUndefined();
      expect(dryRun.body).toMatchObject({ dryRun: true, sourceId: "eu-sanctions-note-2026", changed: true });
      expect(dryRun.body.revision).toBe(before.revision + 1);
      expect(await footprint()).toEqual(before);
    });

    it("reports exactly what the import then does, record by record", async () => {
      const imported = await post("/v1/imports", importer, bundleFixture()).expect(201);
      expect(imported.body.tables).toEqual(dryRun.body.tables);
      expect(imported.body.statements).toEqual(dryRun.body.statements);
      expect(imported.body.revision).toBe(dryRun.body.revision);
      const changes = (await request(app.server).get(`/v1/changes?since=${before.revision}&limit=100`).expect(200)).body
        .data as { type: string; id: string; change: string }[];
      const asListed = (list: { type: string; id: string; change: string }[]) =>
        list.map(({ type, id, change }) => `${change} ${type}/${id}`).sort();
      expect(asListed(dryRun.body.records)).toEqual(asListed(changes));
      expect(asListed(dryRun.body.records)).toContain("created claims/statement-ukraine-welcomes-eu-sanctions");
    });

    it("reports that the same bundle again would change nothing", async () => {
      const again = await post("/v1/imports?dryRun=true", importer, bundleFixture()).expect(200);
      expect(again.body).toMatchObject({ changed: false, records: [], statements: { made: 0, retracted: 0 } });
    });

    it("reports what a corrected bundle would take back", async () => {
      const corrected = bundleFixture();
      corrected.claims = corrected.claims.filter(
        (claim: { id: string }) => claim.id !== "statement-ukraine-welcomes-eu-sanctions",
      );
      const report = (await post("/v1/imports?dryRun=true", importer, corrected).expect(200)).body;
      expect(report.statements).toMatchObject({ retracted: 1, made: 0 });
      expect(report.records).toContainEqual({
        type: "claims",
        id: "statement-ukraine-welcomes-eu-sanctions",
        change: "deleted",
      });
      expect(report.tables.claims).toMatchObject({ deleted: 1 });
    });
  });

  describe("the import's checks", () => {
    it("needs a key with the write scope", async () => {
      const response = await post("/v1/imports?dryRun=true", undefined, bundleFixture()).expect(401);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    });

    it("refuses another key's document, as the import would (403)", async () => {
      await post("/v1/imports?dryRun=true", other, bundleFixture()).expect(403);
    });

    it("refuses a dryRun that is not true or false", async () => {
      const response = await post("/v1/imports?dryRun=yes", importer, bundleFixture()).expect(400);
      expect(response.body.invalidParams[0]).toMatchObject({ in: "query", name: "dryRun" });
    });

    it("gives a quote with straight quotation marks a hint naming the passage it nearly matches", async () => {
      const bundle = {
        document: {
          id: "quoted-envoy-note",
          kind: "news",
          title: "The envoy's words",
          text: "The envoy said: “We will not wait for ever.” Kyiv’s reply came the next day.",
        },
        claims: [
          {
            id: "statement-envoy-will-not-wait",
            kind: "statement",
            text: "The envoy said the US would not wait for ever.",
            evidence: ['The envoy said: "We will not wait for ever."', "Kyiv's reply"],
          },
        ],
      };
      const response = await post("/v1/imports?dryRun=true", importer, bundle).expect(400);
      expect(response.body.invalidParams).toEqual([
        {
          in: "body",
          name: "claims.0.evidence.0",
          reason: expect.stringMatching(/^quote is not verbatim/),
          hint: 'Nearly matches the passage at characters 0–44: "The envoy said: “We will not wait for ever.”"; the text has “ where the quote has ", ” where the quote has ".',
        },
        {
          in: "body",
          name: "claims.0.evidence.1",
          reason: expect.stringMatching(/^quote is not verbatim/),
          hint: expect.stringContaining('"Kyiv’s reply"'),
        },
      ]);
    });
  });

  describe("drafts", () => {
    const drafted = () => {
      const bundle = bundleFixture();
      bundle.document.id = "drafted-sanctions-note";
      bundle.actors = [];
      bundle.events = [];
      bundle.implications = [];
      bundle.claims = bundle.claims.map((claim: { id: string }) => ({
        ...claim,
        id: `drafted-${claim.id}`,
        draft: { confidence: 0.7, matchedVia: "welcomed", rule: "attributed-statement" },
      }));
      bundle.claims[0].about = ["russia"];
      bundle.claims[1].about = ["russia"];
      return bundle;
    };

    it("refuses a bundle with draft records, naming each", async () => {
      const response = await post("/v1/imports", importer, drafted()).expect(400);
      expect(response.body.invalidParams.map((p: { name: string }) => p.name)).toEqual([
        "claims.0.draft",
        "claims.1.draft",
      ]);
      await post("/v1/imports?dryRun=true", importer, drafted()).expect(400);
    });

    it("imports them with acceptDrafts=true, storing no draft mark", async () => {
      const dry = await post("/v1/imports?dryRun=true&acceptDrafts=true", importer, drafted()).expect(200);
      expect(dry.body.changed).toBe(true);
      await post("/v1/imports?acceptDrafts=true", importer, drafted()).expect(201);
      const claim = (
        await request(app.server)
          .get("/v1/claims/drafted-statement-ukraine-welcomes-eu-sanctions?include=attestations")
          .expect(200)
      ).body;
      expect(JSON.stringify(claim)).not.toContain('draft"');
      expect(claim.attestations[0].fields).not.toHaveProperty("draft");
    });
  });

  it("passes the published JSON Schema's own example (its lists' examples under its document's) as a dry run", async () => {
    const schema = JSON.parse(readFileSync(bundleSchemaPath, "utf8"));
    const bundle = Object.fromEntries(
      Object.entries(schema.$defs.ContentBundle.properties as Record<string, { examples: unknown[] }>).map(
        ([name, property]) => [name, property.examples[0]],
      ),
    );
    const report = await post("/v1/imports?dryRun=true", importer, bundle).expect(200);
    expect(report.body.changed).toBe(true);
  });

  it("kb check reports what the import would do and exits 0; a failing bundle exits 1 with its hints", async () => {
    const file = join(tmpdir(), `kb-check-${provider}-${process.pid}.json`);
    const bundle = bundleFixture();
    bundle.document.id = "checked-sanctions-note";
    bundle.actors = [];
    bundle.events = [];
    bundle.implications = [];
    bundle.claims = bundle.claims.map((claim: { id: string }) => ({ ...claim, id: `checked-${claim.id}` }));
    writeFileSync(file, JSON.stringify(bundle));
    const env = { ...process.env, DATABASE_URL: database.url };
    const kb = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli/kb.ts", ...args], { env });
    const before = await footprint();
    const checked = await kb("check", file);
    expect(checked.stdout).toContain("would import: changes");
    expect(checked.stdout).toContain("created  claims/checked-statement-ukraine-welcomes-eu-sanctions");
    expect(await footprint()).toEqual(before);

    bundle.claims[0].evidence = ["Ukraine welcomed the decision , while"];
    writeFileSync(file, JSON.stringify(bundle));
    const failed = await kb("check", file).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("not verbatim");
  });
});
