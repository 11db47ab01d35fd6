// Renders the OpenAPI document exactly as the server serves it, for the
// committed copy in openapi/ and the generated client.
import { z } from "zod";
import { buildApp } from "./app.js";
import { ContentBundle } from "./modules/imports/schemas.js";
import { projectFile } from "./project-files.js";

export const openapiPath = projectFile("openapi/openapi.json");
export const bundleSchemaPath = projectFile("openapi/content-bundle.schema.json");

/** The content-bundle format as a standalone JSON Schema, for authors' editors and validators. */
export function renderBundleJsonSchema(): string {
  const schema = z.toJSONSchema(ContentBundle, { io: "input", target: "draft-2020-12", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "ContentBundle" }, null, 2)}\n`;
}

export async function renderOpenapiDocument(): Promise<string> {
  const app = await buildApp({ databaseUrl: "file::memory:" });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
