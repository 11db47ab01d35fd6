// Security headers: JSON may not run, load or be framed; the docs page gets
// just what swagger-ui needs, from its own origin.
import { expect, it } from "vitest";
import { useTestApp } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

describeEachDatabase("security headers", (provider) => {
  const api = useTestApp(provider);

  it("locks down every API response, errors and cache hits included", async () => {
    for (const url of [
      "/v1/actors/europe",
      "/v1/actors/europe",
      "/v1/actors/nobody",
      "/v1/claims?limit=0",
      "/healthz",
    ]) {
      const response = await api.get(url);
      expect(response.headers["content-security-policy"]).toBe(
        "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
      );
      expect(response.headers).toMatchObject({
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-resource-policy": "cross-origin",
        "strict-transport-security": expect.stringContaining("max-age="),
      });
      expect(response.headers["x-powered-by"]).toBeUndefined();
      // Headers that only concern HTML documents are not sent with JSON.
      expect(response.headers["cross-origin-opener-policy"]).toBeUndefined();
      expect(response.headers["x-xss-protection"]).toBeUndefined();
    }
  });

  it("lets the docs page load its own scripts and styles, and nothing from elsewhere", async () => {
    const docs = await api.get("/docs/").expect(200);
    const policy = docs.headers["content-security-policy"];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/https?:|\*/);
  });
});
