// Imports cost what the bundle costs (issue 18): the statements an import runs
// do not depend on how large the knowledge base is, and reads are answered
// while a large import is being written.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createApiKey } from "../../src/auth/api-keys.js";
import { loadSeedDirectory } from "../../src/content/seed-directory.js";
import { synthesize, writeSynthetic } from "../../src/content/synthetic.js";
import { type Database, migrateDatabase } from "../../src/db/database.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

/** Counts the statements of every write transaction `db` runs from now on. */
function countStatements(db: Database): { count: () => number } {
  const run = db.writeTransaction.bind(db);
  let statements = 0;
  db.writeTransaction = (work) =>
    run((tx) =>
      work({
        location: tx.location,
        query: (sql, params) => {
          statements += 1;
          return tx.query(sql, params);
        },
        execute: (sql, params) => {
          statements += 1;
          return tx.execute(sql, params);
        },
      }),
    );
  return { count: () => statements };
}

describeEachDatabase("imports as the knowledge base grows", (provider) => {
  const databases: TestDatabase[] = [];
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];

  /** An app on a knowledge base of `scale` synthetic copies of the article, and a write key. */
  async function knowledgeBaseOf(scale: number) {
    const database = await createTestDatabase(provider);
    databases.push(database);
    await migrateDatabase(database.url);
    const app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0, rateLimit: false });
    apps.push(app);
    await writeSynthetic(app.db, synthesize(loadSeedDirectory(), scale));
    await app.ready();
    return { app, key: (await createApiKey(app.db.prisma, "importer", ["write"])).token };
  }

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of databases) await database.drop();
  });

  it("runs as many statements into a knowledge base of 40 documents as into one of 2", async () => {
    const counts: number[] = [];
    for (const scale of [2, 40]) {
      const { app, key } = await knowledgeBaseOf(scale);
      const statements = countStatements(app.db);
      const response = await app.inject({
        method: "POST",
        url: "/v1/imports",
        headers: { authorization: `Bearer ${key}` },
        payload: bundleFixture(),
      });
      expect(response.statusCode).toBe(201);
      counts.push(statements.count());
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });

  describeLargeImport();

  function describeLargeImport() {
    let app: Awaited<ReturnType<typeof buildApp>>;
    let key: string;
    let url: string;
    beforeAll(async () => {
      ({ app, key } = await knowledgeBaseOf(1));
      await app.listen({ port: 0, host: "127.0.0.1" });
      url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });

    it("answers a read started during a large import before the import ends", async () => {
      const fixture = bundleFixture();
      const bundle = {
        ...fixture,
        document: {
          ...fixture.document,
          id: "large-note",
          text: `${fixture.document.text} ${"filler ".repeat(50_000)}`,
        },
        events: [],
        implications: [],
        claims: Array.from({ length: 4_000 }, (_, n) => ({ ...fixture.claims[1], id: `large-claim-${n}` })),
      };
      // When the import's transaction begins, and whether it has ended.
      let began = () => {};
      const inTransaction = new Promise<void>((resolve) => {
        began = resolve;
      });
      let ended = false;
      const run = app.db.writeTransaction.bind(app.db);
      app.db.writeTransaction = (work) =>
        run(async (tx) => {
          began();
          try {
            return await work(tx);
          } finally {
            ended = true;
          }
        });
      const importing = fetch(`${url}/v1/imports`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(bundle),
      });
      await inTransaction;
      const read = await fetch(`${url}/v1/actors/ukraine/claims?limit=1&kind=fact`);
      expect(read.status).toBe(200);
      expect(ended).toBe(false);
      expect((await importing).status).toBe(201);
      expect(ended).toBe(true);
    });
  }
});
