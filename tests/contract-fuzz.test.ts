// Fuzzing from the contract: reads openapi/openapi.json and fires generated
// requests at every operation: valid values, wrong types, huge and negative
// numbers, unicode, SQL / full-text / path injection strings, malformed
// cursors, repeated and unknown parameters, mutated, malformed and oversized
// import bodies, bodies without keys, huge arrays, repeated evidence, another
// key's or the seed's document, lone surrogates and NUL, and mixed Accept and
// hostile Host headers. Whatever comes: no 5xx, every error is problem+json
// within 64 KiB, every status is one the operation documents, every 2xx
// matches its schema, and no body carries a Host header it was sent.
// Seeded and reproducible: FUZZ_SEED and FUZZ_RUNS override the defaults.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createApiKey } from "../src/auth/api-keys.js";
import type { Provider } from "../src/db/schema-files.js";
import { bundleFixture, resolutionsFixture } from "./helpers/fixtures.js";
import { createSeededDatabase, describeEachDatabase, type TestDatabase } from "./helpers/test-database.js";

type JsonSchema = { type?: string; enum?: string[]; pattern?: string; minimum?: number; maximum?: number };
interface Parameter {
  name: string;
  in: "path" | "query";
  description?: string;
  schema: JsonSchema;
}
interface Operation {
  method: "GET" | "POST";
  path: string;
  operationId: string;
  parameters: Parameter[];
  hasBody: boolean;
  statuses: string[];
}

const document = JSON.parse(readFileSync(new URL("../openapi/openapi.json", import.meta.url), "utf8"));
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods as Record<string, Record<string, unknown>>).map(([method, op]) => ({
    method: method.toUpperCase() as Operation["method"],
    path,
    operationId: op.operationId as string,
    parameters: (op.parameters ?? []) as Parameter[],
    hasBody: Boolean(op.requestBody),
    statuses: Object.keys(op.responses as object),
  })),
);

const ajv = new Ajv2020({ strict: false });
// ajv-formats is CommonJS: its plugin is the default export's `default`.
(ajvFormats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
ajv.addSchema(document, "kb");
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(op: Operation, status: string, mediaType: string) {
  const ref = `kb#/${pointer("paths", op.path, op.method.toLowerCase(), "responses", status, "content", mediaType, "schema")}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
}

const seed = Number(process.env.FUZZ_SEED ?? 20_261_128);
const runsByProvider: Record<Provider, number> = {
  sqlite: Number(process.env.FUZZ_RUNS ?? 5_000),
  postgresql: Number(process.env.FUZZ_RUNS ?? 3_000),
};
const importMaxBytes = 64 * 1024;

const hostileStrings = [
  "' OR '1'='1",
  '1; DROP TABLE "Claim"; --',
  "\\'; SELECT pg_sleep(10); --",
  "../../../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "%00",
  "\u0000",
  "<script>alert(1)</script>",
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, sent literally.
  "${jndi:ldap://x}",
  '"unterminated',
  "ceasefire AND",
  "NEAR(a b",
  "col:value",
  "*",
  "-",
  "^",
  "()",
  "!!!",
  "ceasefire:*",
  "a & | ! b",
  "𝕿𝖗𝖚𝖒𝖕 🇺🇦 Україна Россия",
  "\u202e\u200b\ufeff",
  "-1",
  "0",
  "1e309",
  "9007199254740993",
  "-99999999999999999999",
  "NaN",
  "null",
  "true",
  "[]",
  "{}",
  "a".repeat(600),
  "x".repeat(5_000),
  "\ud800",
  "lone \udc00 low",
  "nul\u0000inside",
];

/** Host headers a client may send to make a response carry its own host. */
const hostileHosts = ["evil.example", 'evil"><img src=x onerror=alert(1)>', "evil.example:1"];
/** Accept headers, plain and mixed: the representation must follow them, the cache must not mix them. */
const accepts = [
  "application/json",
  "application/json, application/ld+json",
  "application/ld+json",
  "text/html",
  "*/*",
];

/** Percent-encodes any string, lone surrogates included (as U+FFFD, like a browser would). */
const encode = (value: string) =>
  [...Buffer.from(value, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");

const hostile = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: -1e12, max: 1e12 }).map(String),
  fc.double().map(String),
  fc.base64String({ maxLength: 60 }),
);

/** The collection whose ids a parameter takes: the path's own, or the one a filter names. */
function collectionOf(param: Parameter, path: string): string {
  // The reader's path (/read/{sourceId}) names its collection in the parameter.
  if (param.name === "sourceId") return "sources";
  if (param.in === "path") return path.split("/")[2] ?? "";
  const filtered: Record<string, string> = { source: "sources", issue: "issues", implication: "implications" };
  return filtered[param.name] ?? "actors";
}

/** Values a client following the contract might send for a parameter. */
function validValue(param: Parameter, path: string, known: Known): fc.Arbitrary<string> {
  const { schema, name } = param;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === "integer")
    return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 1_000 }).map(String);
  if (name === "include") {
    const relations = (param.description?.split(": ").at(-1) ?? "").replace(/\.$/, "").split(", ").filter(Boolean);
    return fc.subarray(relations, { minLength: 1 }).map((list) => list.join(","));
  }
  if (name === "url") {
    // A record's public URL, on any host, as oEmbed consumers send it.
    const urls = ["implications", "actors", "events", "claims"].flatMap((kind) =>
      (known.ids[kind] ?? []).map((id) => `https://kb.example/${kind === "claims" ? "embed" : "v1"}/${kind}/${id}`),
    );
    return fc.constantFrom(...urls);
  }
  // The matrix's columns: a few actor ids, comma-separated.
  if (name === "actors")
    return fc.subarray(known.ids.actors ?? [], { minLength: 1, maxLength: 5 }).map((ids) => ids.join(","));
  if (name === "cursor") return fc.constantFrom(...(known.cursors.length > 0 ? known.cursors : ["x"]));
  if (name === "from" || name === "to")
    return fc.oneof(
      fc.integer({ min: 1900, max: 2100 }).map(String),
      fc
        .date({ min: new Date("1990-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
  if (schema.pattern?.startsWith("^[a-z0-9]")) {
    const ids = known.ids[collectionOf(param, path)] ?? Object.values(known.ids).flat();
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ids) },
      fc.stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,8}){0,3}$/),
    );
  }
  return fc.constantFrom(...known.words);
}

interface Known {
  /** Ids by collection (actors, events, ..., imports). */
  ids: Record<string, string[]>;
  words: string[];
  cursors: string[];
}

interface Generated {
  op: Operation;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function requestFor(
  op: Operation,
  known: Known,
  keys: { write: string; read: string; other: string },
  mode: "valid" | "hostile",
): fc.Arbitrary<Generated> {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const hostileRate = mode === "valid" ? 0 : 1;
  const valueFor = (param: Parameter) =>
    mode === "valid"
      ? validValue(param, op.path, known)
      : fc.oneof({ weight: 2, arbitrary: validValue(param, op.path, known) }, hostile);

  const path = fc
    // A path value is never empty (that would be another route); one time in two it is sent unencoded.
    .tuple(
      ...pathParams.map((param) =>
        fc.tuple(
          fc.constant(param.name),
          valueFor(param).filter((v) => v.length > 0),
          fc.boolean(),
        ),
      ),
    )
    .map((values) =>
      values.reduce(
        (url, [name, value, raw]) =>
          url.replace(`{${name}}`, raw && /^[\x21-\x7e]+$/.test(value) && !/[/?#]/.test(value) ? value : encode(value)),
        op.path,
      ),
    );
  const query = fc
    .tuple(
      ...queryParams.map((param) =>
        fc.option(
          fc.tuple(fc.constant(param.name), valueFor(param), fc.integer({ min: 1, max: 10 })).map(([name, value, n]) =>
            // One time in ten, the parameter comes twice.
            n <= hostileRate
              ? [
                  [name, value],
                  [name, value],
                ]
              : [[name, value]],
          ),
          { nil: [] as string[][], freq: 2 },
        ),
      ),
      mode === "valid"
        ? fc.constant(undefined)
        : fc.option(fc.tuple(fc.constantFrom("unknown", "limit[$gt]", "__proto__", "constructor", "id"), hostile), {
            nil: undefined,
            // An import's query is checked before its body: one time in two it is valid, so the body's checks are reached.
            freq: op.hasBody ? 2 : 4,
          }),
    )
    .map(([...parts]) => {
      const extra = parts.pop() as [string, string] | undefined;
      const pairs = (parts as string[][][]).flat();
      if (extra) pairs.push(extra);
      return pairs.map(([name, value]) => `${encode(name ?? "")}=${encode(value ?? "")}`).join("&");
    });
  const authorization =
    mode === "valid"
      ? fc.constantFrom(`Bearer ${keys.write}`, `Bearer ${keys.read}`)
      : fc.constantFrom(
          `Bearer ${keys.write}`,
          `Bearer ${keys.write}`,
          `Bearer ${keys.read}`,
          // Another importer: the fixture's document is not its own.
          `Bearer ${keys.other}`,
          "Bearer kb_0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          "Basic YWRtaW46YWRtaW4=",
          "",
        );
  const body = !op.hasBody
    ? fc.constant(undefined)
    : op.operationId === "createDraft"
      ? mode === "valid"
        ? validDraftBody()
        : draftBody()
      : mode === "valid"
        ? validBundleBody()
        : bundleBody();

  const negotiation =
    mode === "valid" || op.method !== "GET"
      ? fc.constant({})
      : fc.record(
          { accept: fc.constantFrom(...accepts), host: fc.constantFrom(...hostileHosts) },
          { requiredKeys: [] },
        );

  return fc.tuple(path, query, authorization, body, negotiation).map(([p, q, auth, b, n]) => ({
    op,
    url: q ? `${p}?${q}` : p,
    headers: {
      ...n,
      ...(auth ? { authorization: auth } : {}),
      ...(b ? { "content-type": b.contentType } : {}),
    },
    body: b?.payload,
  }));
}

const fixture = bundleFixture();

/** Every path to a value inside the fixture bundle, to mutate one of them. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => leafPaths(child, [...prefix, key]))];
}
const fixturePaths = leafPaths(fixture);

function setAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(target) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
  return copy;
}

const json = (value: unknown) => ({ contentType: "application/json", payload: JSON.stringify(value) });

/** The fixture, or a corrected edition of it (a new title): both are valid bundles. */
function validBundleBody() {
  return fc
    .option(
      fc.string({ minLength: 1, maxLength: 80 }).filter((t) => t.trim().length > 0),
      { nil: undefined },
    )
    .map((title) => json(title ? { ...fixture, document: { ...fixture.document, title } } : fixture));
}

/** An article to draft: the fixture's text, or any short text, with or without the options. */
function validDraftBody() {
  return fc
    .record(
      {
        text: fc.oneof(
          fc.constant(fixture.document.text),
          fc.string({ minLength: 1, maxLength: 300 }).filter((t) => t.trim().length > 0 && !t.includes("\u0000")),
        ),
        kind: fc.constantFrom("analysis", "news", "government"),
        published: fc.constantFrom("2025-04-30", "2026-03-12"),
        title: fc.constant("A drafted note"),
      },
      { requiredKeys: ["text"] },
    )
    .map(json);
}

function draftBody(): fc.Arbitrary<{ contentType: string; payload: string }> {
  return fc.oneof(
    validDraftBody(),
    fc.constantFrom(...hostileStrings).map((text) => json({ text })),
    fc
      .record({ text: fc.constant("Kyiv said."), published: fc.constantFrom(...hostileStrings, "2025-13-45") })
      .map(json),
    fc.constant(json({ text: "Kyiv said.", __proto__: { admin: true } })),
    fc.constant(json({ text: "x".repeat(100_001) })),
    fc.constant({ contentType: "text/plain", payload: "Kyiv said." }),
    fc.jsonValue({ maxDepth: 3 }).map(json),
  );
}

function bundleBody(): fc.Arbitrary<{ contentType: string; payload: string }> {
  return fc.oneof(
    fc.constant(json(fixture)),
    fc
      .tuple(
        fc.constantFrom(...fixturePaths),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...hostileStrings)),
      )
      .map(([path, value]) => json(setAt(fixture, path, value))),
    fc.constant(json({ ...fixture, __proto__: { admin: true }, constructor: { prototype: { polluted: true } } })),
    fc.constant({ contentType: "application/json", payload: '{"document": {"id": "x", ' }),
    fc.constant({ contentType: "application/json", payload: JSON.stringify({ pad: "x".repeat(importMaxBytes) }) }),
    fc.constant({ contentType: "text/plain", payload: JSON.stringify(fixture) }),
    // Huge arrays, within the body limit: one problem for the list, not one per item.
    fc.constant(json({ document: {}, actors: Array.from({ length: 15_000 }, () => ({})) })),
    fc.constant(json({ ...fixture, claims: [{ ...fixture.claims[0], evidence: Array(10_000).fill("hostile") }] })),
    // A passage cited twice for one record.
    fc.constant(
      json({
        ...fixture,
        claims: [{ ...fixture.claims[0], evidence: [fixture.claims[0].evidence[0], fixture.claims[0].evidence[0]] }],
      }),
    ),
    // The seed's document, with another text.
    fc.constant(
      json({
        document: {
          ...fixture.document,
          id: "us-withdrawal-from-peace-talks-2025",
          text: "Short.",
          evidence: ["Short."],
        },
      }),
    ),
    // A second Ukraine under another id (often: only a writer's key gets this far).
    {
      weight: 8,
      arbitrary: fc.constant(
        json({
          ...fixture,
          document: { ...fixture.document, id: "fuzz-second-ukraine-note" },
          // The fixture's own actors too, so its records' references hold whatever was imported before.
          actors: [
            ...fixture.actors,
            {
              id: "fuzz-second-ukraine",
              kind: "country",
              name: "Ukraine",
              description: "x",
              evidence: [fixture.document.evidence[0]],
            },
          ],
        }),
      ),
    },
    fc.constant({ contentType: "application/xml", payload: "<bundle/>" }),
    fc.jsonValue({ maxDepth: 3 }).map(json),
  );
}

describeEachDatabase("contract fuzzing", (provider) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let known: Known;
  let keys: { write: string; read: string; other: string };

  beforeAll(async () => {
    database = await createSeededDatabase(provider);
    // No rate limits, and no load shedding: the generator's own work shares this event loop.
    app = await buildApp({
      databaseUrl: database.url,
      revisionPollMs: 0,
      rateLimit: false,
      maxEventLoopDelayMs: 0,
      importMaxBytes,
    });
    await app.ready();
    keys = {
      write: (await createApiKey(app.db.prisma, "fuzz-writer", ["write"])).token,
      read: (await createApiKey(app.db.prisma, "fuzz-reader", ["read"])).token,
      other: (await createApiKey(app.db.prisma, "fuzz-other-writer", ["write"])).token,
    };
    // A later source's resolutions of the article's implications, so that every resolution read has one to find.
    await app.inject({
      method: "POST",
      url: "/v1/imports",
      headers: { authorization: `Bearer ${keys.write}` },
      payload: resolutionsFixture(),
    });
    const ids: Known["ids"] = {};
    const cursors: string[] = [];
    const lists = ["actors", "events", "claims", "implications", "issues", "positions", "resolutions", "sources"];
    for (const list of lists) {
      const page = (await app.inject(`/v1/${list}?limit=1`)).json();
      ids[list] = (await app.inject(`/v1/${list}?limit=100`)).json().data.map((r: { id: string }) => r.id);
      if (page.page.nextCursor) cursors.push(page.page.nextCursor);
    }
    const imported = await app.inject({
      method: "POST",
      url: "/v1/imports",
      headers: { authorization: `Bearer ${keys.write}` },
      payload: fixture,
    });
    ids.imports = [imported.json().id];
    known = { ids, cursors, words: ["ceasefire", "sanctions", "Zelensky", "Europe", "peace talks", "Trump"] };
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("never answers 5xx, always answers problem+json for errors, and 2xx bodies that match the contract", async () => {
    const statuses = new Map<string, number>();
    // Half the requests follow the contract, half probe it; the writes, the surface with the most
    // ways to refuse (keys, owners, media types, bodies), are probed three times as often as a read,
    // so that adding reads to the contract does not starve them.
    const arbitrary = fc.oneof(
      ...operations.map((op) => requestFor(op, known, keys, "valid")),
      ...operations.map((op) => ({
        arbitrary: requestFor(op, known, keys, "hostile"),
        weight: op.method === "POST" ? 3 : 1,
      })),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ op, url, headers, body }) => {
        const response = await app.inject({ method: op.method, url, headers, payload: body });
        const label = `${op.operationId} ${response.statusCode}`;
        statuses.set(label, (statuses.get(label) ?? 0) + 1);
        const where = `${op.method} ${url} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, where).toBeLessThan(500);
        expect(op.statuses, where).toContain(String(response.statusCode));
        if (headers.host) expect(response.body, where).not.toContain("evil");
        const contentType = String(response.headers["content-type"] ?? "");
        if (response.statusCode >= 400) {
          expect(contentType, where).toMatch(/^application\/problem\+json/);
          expect(response.body.length, where).toBeLessThan(64 * 1024);
          const validate = validatorFor(op, String(response.statusCode), "application/problem+json");
          expect(validate(response.json()), `${where} ${ajv.errorsText(validate.errors)}`).toBe(true);
          expect(response.json().status, where).toBe(response.statusCode);
        } else {
          // The documented media type, and a body valid against its schema.
          const mediaType = contentType.split(";")[0] ?? "";
          const validate = validatorFor(op, String(response.statusCode), mediaType);
          if (mediaType === "text/xml") {
            // oEmbed's XML form of the documented object.
            expect(response.body, where).toMatch(/^<\?xml version="1\.0"[^>]*\?>\n<oembed><type>rich<\/type>/);
          } else {
            const body = /^application\/(ld\+)?json$/.test(mediaType) ? response.json() : response.body;
            expect(validate(body), `${where} ${ajv.errorsText(validate.errors)}`).toBe(true);
          }
        }
      }),
      { seed, numRuns: runsByProvider[provider] },
    );
    if (process.env.FUZZ_REPORT) console.log(JSON.stringify(Object.fromEntries([...statuses].sort()), null, 1));
    // Every operation was exercised, and both successes and refusals were seen.
    const exercised = new Set([...statuses.keys()].map((label) => label.split(" ")[0]));
    expect([...exercised].sort()).toEqual(operations.map((op) => op.operationId).sort());
    // And each answered both with success and with a refusal.
    for (const op of operations) {
      const seen = [...statuses.keys()].filter((label) => label.startsWith(`${op.operationId} `));
      expect(
        seen.some((label) => /\s2\d\d$/.test(label)),
        `${op.operationId}: ${seen}`,
      ).toBe(true);
    }
    expect([...statuses.keys()].some((label) => label.endsWith(" 400"))).toBe(true);
    // The write path's refusals were reached too: another key's document, a second record of an actor.
    for (const status of ["401", "403", "409", "415"])
      expect([...statuses.keys()], status).toContain(`createImport ${status}`);
  }, 600_000);
});
