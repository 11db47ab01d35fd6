// Files the service reads at run time (the seed, migrations, schemas, the
// OpenAPI document, the web component's script), by their path in the
// repository. This module sits one level below the root both as source
// (src/project-files.ts) and built (bundled into dist/server.js), so every
// path is resolved from here and holds in both.
import { fileURLToPath } from "node:url";

export const projectFile = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
