// Renders the OpenAPI document exactly as the server serves it, for the
// committed copy in openapi/ and the generated client.
import { fileURLToPath } from "node:url";
import { buildApp } from "./app.js";

export const openapiPath = fileURLToPath(new URL("../openapi/openapi.json", import.meta.url));

export async function renderOpenapiDocument(): Promise<string> {
  const app = await buildApp({ databaseUrl: "file::memory:" });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
