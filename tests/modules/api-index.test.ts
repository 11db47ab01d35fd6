// GET /v1: where a client starts, each of its links leading somewhere real.
import { expect, it } from "vitest";
import { useTestApp } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

describeEachDatabase("the API's index", (provider) => {
  const api = useTestApp(provider, { rateLimit: false });

  it("names the API and links to each collection, its documentation, its OpenAPI document and the site", async () => {
    const index = (
      await api
        .get("/v1")
        .expect(200)
        .expect("content-type", /^application\/json/)
    ).body;
    expect(index.title).toBe("Geopolitical Knowledge Base API");
    expect((await api.get("/v1/").expect(200)).body).toEqual(index);
    const links = index.links as Record<string, string>;
    expect(Object.keys(links)).toEqual(expect.arrayContaining(["actors", "implications", "search", "openapi", "site"]));
    for (const [name, path] of Object.entries(links)) {
      // Search needs words to look for; the rest answer as they are.
      const url = name === "search" ? `${path}?q=ceasefire` : path;
      await api.get(url).expect((response) => expect(response.status, url).toBe(200));
    }
    await api.get("/v1?unknown=1").expect(400);
  });
});
