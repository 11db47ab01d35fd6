// Bundles the server (src/ with the generated Prisma clients and the packages
// it imports) into dist/server.js and a few chunks, with esbuild: no
// type-checking (that is `npm run typecheck`), so it takes a fraction of a
// second. A handful of files instead of hundreds of modules to resolve and
// load makes start-up about a fifth faster (docs/benchmarks.md).
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/server.ts"],
  outdir: "dist",
  bundle: true,
  // Each database's Prisma client (imported only when used) goes in a file of
  // its own, so a process loads one, not both. Chunks sit beside server.js:
  // src/project-files.ts resolves paths from one level below the root.
  splitting: true,
  chunkNames: "[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  // Loaded from node_modules at run time: a native addon, packages that start
  // worker threads or serve their own files by path, and Redis's client, which
  // only a shared rate limit needs.
  external: ["better-sqlite3", "pino", "pino-pretty", "thread-stream", "@fastify/swagger-ui", "ioredis"],
  // The bundled CommonJS packages call require() for Node's built-ins.
  banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  // Stack traces map back to the sources by line; the sources' text is not needed for that.
  sourcemap: true,
  sourcesContent: false,
  logLevel: "warning",
});
