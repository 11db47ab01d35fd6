// `npm run openapi`: rewrites openapi/openapi.json from the routes' schemas, and
// openapi/content-bundle.schema.json from the bundle's.
import { writeFileSync } from "node:fs";
import {
  bundleSchemaPath,
  openapiPath,
  renderBundleJsonSchema,
  renderOpenapiDocument,
} from "../src/openapi-document.js";

writeFileSync(openapiPath, await renderOpenapiDocument());
writeFileSync(bundleSchemaPath, renderBundleJsonSchema());
console.log(`wrote ${openapiPath} and ${bundleSchemaPath}`);
