// `npm run openapi`: rewrites openapi/openapi.json from the routes' schemas.
import { writeFileSync } from "node:fs";
import { openapiPath, renderOpenapiDocument } from "../src/openapi-document.js";

writeFileSync(openapiPath, await renderOpenapiDocument());
console.log(`wrote ${openapiPath}`);
