// Transpiles src/ (with the generated Prisma clients) to dist/ with esbuild:
// no type-checking (that is `npm run typecheck`), so it takes a fraction of a
// second, and `npm start` runs plain JavaScript without a loader in memory.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: sources("src"),
  outdir: "dist",
  outbase: "src",
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
});
