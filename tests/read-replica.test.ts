// Reads go to a read replica while it has caught up with the revision the
// instance serves, and to the primary otherwise (right after a write, or when
// the replica is unreachable). The "replica" here is a second schema, kept in
// step by hand, so the test can tell which database answered.
import { setTimeout as sleep } from "node:timers/promises";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createApiKey } from "../src/auth/api-keys.js";
import { writeDocuments } from "../src/content/write-documents.js";
import { type Database, openDatabase } from "../src/db/database.js";
import { ContentBundle } from "../src/modules/imports/schemas.js";
import { importBundle } from "../src/modules/imports/service.js";
import { bundleFixture } from "./helpers/fixtures.js";
import { createSeededDatabase, postgresUrl, type TestDatabase } from "./helpers/test-database.js";

const fixture = bundleFixture();
const marked = "reason-lack-of-progress";

describe.skipIf(!postgresUrl())("read replica", () => {
  let primary: TestDatabase;
  let replicaDb: TestDatabase;
  let replica: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const textOf = async (id: string) => (await request(app.server).get(`/v1/claims/${id}`).expect(200)).body.text;

  beforeAll(async () => {
    primary = await createSeededDatabase("postgresql");
    replicaDb = await createSeededDatabase("postgresql");
    replica = await openDatabase(replicaDb.url);
    await replica.prisma.claim.update({ where: { id: marked }, data: { text: "served by the replica" } });
    app = await buildApp({
      databaseUrl: primary.url,
      replicaUrl: replicaDb.url,
      revisionPollMs: 100,
      cacheMaxBytes: 0,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await replica?.close();
    await primary?.drop();
    await replicaDb?.drop();
  });

  it("reads from the replica while it is current, from the primary while it lags, and back", async () => {
    expect(await textOf(marked)).toBe("served by the replica");

    const { token } = await createApiKey(app.db.prisma, "importer", ["write"]);
    await request(app.server).post("/v1/imports").set("authorization", `Bearer ${token}`).send(fixture).expect(201);
    // The replica has not seen the import: reads go to the primary, which has it.
    expect(await textOf(fixture.claims[0].id)).toBe(fixture.claims[0].text);
    expect(await textOf(marked)).not.toBe("served by the replica");

    // Replication catches up: the replica reaches the primary's revision.
    await importBundle(replica, ContentBundle.parse(fixture), {
      write: (documents, hooks) => writeDocuments(replica, documents, hooks),
    });
    await sleep(400);
    expect(await textOf(marked)).toBe("served by the replica");
  });

  it("falls back to the primary when the replica is unreachable", async () => {
    const fallback = await buildApp({
      databaseUrl: primary.url,
      replicaUrl: "postgresql://postgres@127.0.0.1:1/none",
      revisionPollMs: 100,
    });
    await fallback.ready();
    try {
      const response = await request(fallback.server).get(`/v1/claims/${marked}`).expect(200);
      expect(response.body.text).not.toBe("served by the replica");
    } finally {
      await fallback.close();
    }
  });
});
