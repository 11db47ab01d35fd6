// The committed OpenAPI document is what the server serves, and is built for
// client generators: unique verb-noun operationIds, named components, clean lint.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { bundleSchemaPath, openapiPath, renderBundleJsonSchema } from "../../src/openapi-document.js";
import { useTestApp } from "../helpers/api.js";
import { resolutionsFixture } from "../helpers/fixtures.js";
import { describeEachDatabase } from "../helpers/test-database.js";

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: Parameter[];
  security?: unknown[];
  responses: Record<
    string,
    {
      description: string;
      headers?: Record<string, { $ref: string }>;
      content?: Record<string, { schema: Record<string, unknown> }>;
    }
  >;
};
type Parameter = { schema: Record<string, unknown>; description?: string; name: string; $ref?: string };

const committed = readFileSync(openapiPath, "utf8");
const document = JSON.parse(committed) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { description?: string; examples?: unknown[] }>;
    parameters: Record<string, Parameter>;
  };
};
const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
/** A parameter, its reference to a shared one followed. */
const resolved = (parameter: Parameter) =>
  parameter.$ref ? (document.components.parameters[parameter.$ref.split("/").at(-1) ?? ""] as Parameter) : parameter;

describeEachDatabase("OpenAPI document", (provider) => {
  const api = useTestApp(provider);

  it("is served at /openapi.json exactly as committed in openapi/ (run `npm run openapi` after a change)", async () => {
    const served = await api.get("/openapi.json").expect(200);
    expect(`${JSON.stringify(served.body, null, 2)}\n`).toBe(committed);
  });

  it("serves interactive documentation at /docs", async () => {
    const response = await api.get("/docs/").expect(200);
    expect(response.text).toMatch(/swagger/i);
  });
});

it("publishes the content-bundle JSON Schema in openapi/ (run `npm run openapi` after a change)", () => {
  expect(readFileSync(bundleSchemaPath, "utf8")).toBe(renderBundleJsonSchema());
  expect(document.components.schemas.ContentBundleInput ?? document.components.schemas.ContentBundle).toBeDefined();
});

type JsonSchemaNode = {
  properties?: Record<string, JsonSchemaNode & { description?: string; examples?: unknown[] }>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
};

it("documents every field of the content bundle with a description and an example", () => {
  const schema = JSON.parse(readFileSync(bundleSchemaPath, "utf8")) as { $defs: Record<string, JsonSchemaNode> };
  const undocumented: string[] = [];
  let fields = 0;
  const walk = (node: JsonSchemaNode | undefined, path: string) => {
    if (!node) return;
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      fields += 1;
      if (!property.description || !property.examples?.length) undocumented.push(`${path}.${name}`);
      walk(property, `${path}.${name}`);
    }
    walk(node.items, `${path}[]`);
    for (const option of node.anyOf ?? []) walk(option, path);
  };
  for (const [name, definition] of Object.entries(schema.$defs)) walk(definition, name);
  expect(undocumented).toEqual([]);
  expect(fields).toBeGreaterThan(50);
});

it("is OpenAPI 3.1", () => {
  expect(document.openapi).toBe("3.1.0");
});

it("gives every operation a unique verb-noun operationId, a summary and a tag", () => {
  const ids = operations.map((op) => op.operationId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const op of operations) {
    expect(op.operationId).toMatch(/^(list|get|search|create)[A-Z][A-Za-z]+$/);
    expect(op.summary, op.operationId).toBeTruthy();
    expect(op.tags?.length, op.operationId).toBe(1);
  }
});

const textOperations: Record<string, string> = {
  getMetrics: "text/plain",
  getCard: "text/html",
  getTimelineCard: "text/html",
  getPositionMatrixCard: "text/html",
  getReaderPage: "text/html",
  getWebComponent: "text/javascript",
  getExport: "application/x-ndjson",
};
/** Media types whose bodies are text, documented as strings. */
const textTypes = ["text/xml", "text/plain", "text/html", "text/javascript", "text/csv", "application/x-ndjson"];

it("documents every parameter and every response, errors as problem+json", () => {
  for (const op of operations) {
    for (const parameter of (op.parameters ?? []).map(resolved)) {
      if (parameter.name !== "id") expect(parameter.description, `${op.operationId} ${parameter.name}`).toBeTruthy();
    }
    for (const [status, response] of Object.entries(op.responses)) {
      expect(response.description, `${op.operationId} ${status}`).not.toBe("Default Response");
      const [type] = Object.keys(response.content ?? {});
      // Metrics, cards, the web component and exports are text first; every other success is JSON.
      const success = textOperations[op.operationId ?? ""] ?? "application/json";
      expect(type, `${op.operationId} ${status}`).toBe(Number(status) >= 400 ? "application/problem+json" : success);
    }
  }
});

it("takes asOf on every public read under /v1, and says the revision each answer shows", () => {
  const reads = Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => method === "get")
      .map(([, op]) => ({ path, op })),
  );
  const v1 = reads.filter(({ path }) => path === "/v1" || path.startsWith("/v1/"));
  expect(v1.length).toBeGreaterThan(40);
  for (const { path, op } of v1) {
    const names = (op.parameters ?? []).map(resolved).map((p) => p.name);
    const ok = op.responses["200"]?.headers ?? {};
    // A client's own import report is not knowledge as of a revision.
    const isPublic = op.security === undefined;
    expect(names.includes("asOf"), path).toBe(isPublic);
    expect(Object.keys(ok).includes("KB-Revision"), path).toBe(isPublic);
  }
  expect(v1.filter(({ op }) => op.security !== undefined).map(({ path }) => path)).toEqual(["/v1/imports/{id}"]);
  for (const { path, op } of reads.filter(({ path }) => !path.startsWith("/v1"))) {
    expect(
      (op.parameters ?? []).map(resolved).map((p) => p.name),
      path,
    ).not.toContain("asOf");
  }
});

it("references named components for every response body instead of inlining copies", () => {
  for (const op of operations) {
    for (const response of Object.values(op.responses)) {
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (textTypes.includes(type)) expect(media.schema).toMatchObject({ type: "string" });
        else expect(media.schema.$ref, op.operationId).toMatch(/^#\/components\/schemas\/[A-Z]\w+$/);
      }
    }
  }
  for (const name of [
    "Actor",
    "Event",
    "Claim",
    "Implication",
    "Source",
    "SearchHit",
    "Evidence",
    "Problem",
    "PageInfo",
  ]) {
    const schema = document.components.schemas[name];
    expect(schema?.description, name).toBeTruthy();
    expect(schema?.examples?.length, name).toBeGreaterThan(0);
  }
});

it("takes its evidence examples from the article (a resolution's from the tests' later document), verbatim at their offsets", () => {
  const article = Array.from(readFileSync(new URL("../../seed/article.txt", import.meta.url), "utf8"));
  const later = resolutionsFixture();
  const texts: Record<string, string[]> = { [later.document.id]: Array.from(later.document.text as string) };
  const quotes: { quote: string; start: number; end: number; source: { id: string } }[] = [];
  const collect = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record.quote === "string" && typeof record.start === "number") quotes.push(record as never);
    for (const value of Object.values(record)) collect(value);
  };
  for (const schema of Object.values(document.components.schemas)) collect(schema.examples);
  expect(quotes.length).toBeGreaterThanOrEqual(6);
  for (const { quote, start, end, source } of quotes)
    expect((texts[source.id] ?? article).slice(start, end).join("")).toBe(quote);
});

it("lints clean with Redocly's recommended rules: no errors, no warnings", async () => {
  const { stdout } = await promisify(execFile)("npx", ["--no", "redocly", "lint", openapiPath, "--format=json"], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  });
  const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
  expect(report.problems).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
});

it("lints with Spectral's OWASP ruleset: no errors, and warnings only of the kinds docs/reliability.md explains", async () => {
  const { stdout } = await promisify(execFile)(
    "npx",
    ["--no", "spectral", "lint", openapiPath, "--ruleset", ".spectral.yaml", "--format", "json", "--quiet"],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const problems = JSON.parse(stdout) as { code: string; severity: number }[];
  // Spectral's severities: 0 error, 1 warning.
  expect(problems.filter((problem) => problem.severity === 0)).toEqual([]);
  expect(new Set(problems.map((problem) => problem.code))).toEqual(
    new Set([
      "owasp:api4:2023-string-restricted",
      "owasp:api2:2023-read-restricted",
      "owasp:api8:2023-define-error-responses-401",
    ]),
  );
}, 60_000);
