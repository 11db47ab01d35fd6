// The client as people install it: built with tsc, packed with npm pack,
// installed into a scratch project with nothing else, then used against a
// running server, its types checked by tsc from the installed package.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createSeededDatabase, type TestDatabase } from "../helpers/test-database.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(root, "node_modules", ".bin", "tsc");
/** How the scratch project compiles: strict, ESM, Node's types taken from this project's (the scratch has none). */
const compile = [
  "--strict",
  "--module",
  "nodenext",
  "--moduleResolution",
  "nodenext",
  "--target",
  "es2022",
  "--lib",
  "es2024,dom",
  "--skipLibCheck",
  "--typeRoots",
  join(root, "node_modules", "@types"),
  "--types",
  "node",
];

let database: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let baseUrl: string;
let scratch: string;

beforeAll(async () => {
  database = await createSeededDatabase("sqlite");
  app = await buildApp({ databaseUrl: database.url, revisionPollMs: 0 });
  baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  scratch = mkdtempSync(join(tmpdir(), "kb-client-"));
  await run(tsc, ["-p", "client/tsconfig.json"], { cwd: root });
  await run("npm", ["pack", "./client", "--pack-destination", scratch, "--silent"], { cwd: root });
  const tarball = readdirSync(scratch).find((name) => name.endsWith(".tgz")) ?? "";
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  await run("npm", ["install", `./${tarball}`, "--no-audit", "--no-fund", "--prefer-offline", "--silent"], {
    cwd: scratch,
  });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.drop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// What the README shows, and a typed problem: the scratch project's whole program.
const program = `import { createKbClient, KbProblemError, type Actor, type Problem } from "@geopolitics-kb/client";

const kb = createKbClient(process.argv[2] ?? "");
const { data } = await kb.GET("/v1/actors/{id}", { params: { path: { id: "europe" } } });
const withClaims = await kb.GET("/v1/implications", { params: { query: { include: "claims,actors", limit: 1 } } });
if (!withClaims.data?.data[0]?.included?.claims) throw new Error("include=claims,actors expanded nothing");
const actor: Actor | undefined = data;
const claims: string[] = [];
for await (const claim of kb.paginate("/v1/claims", { params: { query: { kind: "statement", limit: 5 } } })) claims.push(claim.id);
const { error } = await kb.GET("/v1/actors/{id}", { params: { path: { id: "nobody-at-all" } } });
const problem: Problem | undefined = error;
let thrown = "";
try {
  for await (const _ of kb.paginate("/v1/events", { params: { query: { from: "2025-13" } } })) break;
} catch (caught) {
  if (caught instanceof KbProblemError) thrown = caught.problem.title;
}
console.log(JSON.stringify({ name: actor?.name, claims, status: problem?.status, thrown }));
`;

it("installs from its packed tarball with openapi-fetch as its one dependency", async () => {
  const { stdout } = await run("npm", ["ls", "--all", "--parseable"], { cwd: scratch });
  const installed = stdout
    .split("\n")
    .filter((line) => line.includes("node_modules"))
    .map((line) => line.slice(line.lastIndexOf("node_modules/") + "node_modules/".length));
  expect(installed).toContain("@geopolitics-kb/client");
  expect(installed).toContain("openapi-fetch");
});

it("type-checks a program against the installed package's types", async () => {
  writeFileSync(join(scratch, "use.ts"), program);
  writeFileSync(
    join(scratch, "wrong.ts"),
    `import { createKbClient } from "@geopolitics-kb/client";
const kb = createKbClient("http://x");
for await (const item of kb.paginate("/v1/actors/{id}")) console.log(item);
await kb.GET("/v1/implications", { params: { query: { include: "everything" } } });
`,
  );
  await run(tsc, ["--noEmit", ...compile, "use.ts"], { cwd: scratch });
  // A path that is not a list is a type error for paginate, and so is an include no operation offers.
  const refused = await run(tsc, ["--noEmit", ...compile, "wrong.ts"], { cwd: scratch }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
  expect(refused).toMatch(/wrong\.ts\(3,\d+\): error TS2345: .*not assignable to parameter of type 'ListPath'/);
  expect(refused).toMatch(/wrong\.ts\(4,\d+\): error TS2322: Type '"everything"' is not assignable/);
}, 60_000);

it("reads a record, pages through a whole list, and types its problems, against a running server", async () => {
  await run(tsc, [...compile, "use.ts"], { cwd: scratch });
  const { stdout } = await run(process.execPath, ["use.js", baseUrl], { cwd: scratch });
  const result = JSON.parse(stdout);
  const statements = await app.inject("/v1/claims?kind=statement&limit=100");
  expect(result).toEqual({
    name: "Europe",
    claims: statements.json().data.map((claim: { id: string }) => claim.id),
    status: 404,
    thrown: "Invalid parameters",
  });
  expect(result.claims.length).toBeGreaterThan(5);
}, 60_000);
