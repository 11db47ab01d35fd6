// A client generated from the OpenAPI document walks from an actor to its
// implications to their evidence, against a real listening server.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createKbClient } from "../../client/index.js";
import { buildApp } from "../../src/app.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-database.js";

it("is up to date with the OpenAPI document (run `npm run client` after a change)", async () => {
  const { stdout } = await promisify(execFile)("npx", ["--no", "openapi-typescript", "openapi/openapi.json"]);
  // Biome's formatting aside: whitespace, and the `|` it puts before the first member of a long union.
  const normalise = (text: string) => text.replace(/\s+/g, "").replace(/([:=(<,])\|/g, "$1");
  expect(normalise(readFileSync("client/schema.ts", "utf8"))).toBe(normalise(stdout));
});

describeEachDatabase("generated client", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    app = await buildApp({ databaseUrl: database.url });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("walks from an actor to its implications to their evidence", async () => {
    const client = createKbClient(baseUrl);
    const actor = await client.GET("/v1/actors/{id}", { params: { path: { id: "europe" } } });
    expect(actor.data?.name).toBe("Europe");

    const implications = await client.GET("/v1/actors/{id}/implications", {
      params: { path: { id: "europe" }, query: { role: "subject", kind: "consequence", include: "claims" } },
    });
    expect(implications.data?.data.map((i) => i.title)).toEqual([
      "Increased responsibility",
      "NATO tensions",
      "Refugee and economic pressures",
    ]);

    const [first] = implications.data?.data ?? [];
    const implication = await client.GET("/v1/implications/{id}", { params: { path: { id: first?.id ?? "" } } });
    const [evidence] = implication.data?.evidence ?? [];
    const source = await client.GET("/v1/sources/{id}", {
      params: { path: { id: evidence?.source.id ?? "" }, query: { include: "text" } },
    });
    expect(
      Array.from(source.data?.text ?? "")
        .slice(evidence?.start, evidence?.end)
        .join(""),
    ).toBe(evidence?.quote);
    expect(implications.data?.data[0]?.included?.claims?.[0]?.evidence.length).toBeGreaterThan(0);
  });

  it("surfaces problem+json errors as typed error bodies", async () => {
    const client = createKbClient(baseUrl);
    const missing = await client.GET("/v1/claims/{id}", { params: { path: { id: "nope" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.title).toBe("Not Found");
  });
});
