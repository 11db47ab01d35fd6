// No request can put its answer into another client's cache entry, nor make a
// response carry a host name it chose (issue 15): the representation chosen
// and the base URL are part of the cache key, and the base URL comes from the
// configuration (or a trusted proxy), never from a client's Host header.
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppOptions } from "../../src/app.js";
import { createTestApp, describeEachDatabase } from "../helpers/test-database.js";

const hostile = 'evil"><img src=x onerror=alert(1)>';

describeEachDatabase("cache poisoning and hostile hosts", (provider) => {
  const apps: Record<string, Awaited<ReturnType<typeof createTestApp>>> = {};
  const setups: Record<string, Omit<AppOptions, "databaseUrl">> = {
    direct: { revisionPollMs: 0, rateLimit: false },
    proxied: { revisionPollMs: 0, rateLimit: false, trustProxy: true },
    configured: { revisionPollMs: 0, rateLimit: false, trustProxy: true, publicUrl: "https://kb.example.org/" },
  };
  const get = (setup: string, url: string) => {
    const app = apps[setup]?.app;
    if (!app) throw new Error(`no app ${setup}`);
    return request(app.server).get(url);
  };
  beforeAll(async () => {
    for (const [name, options] of Object.entries(setups)) apps[name] = await createTestApp(provider, options);
  });
  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
  });

  it("never serves a JSON-LD answer, or an attacker's host, to a plain JSON request", async () => {
    const poisoned = await get("direct", "/v1/actors/russia")
      .set("host", "evil.example")
      .set("accept", "application/json, application/ld+json")
      .expect(200)
      .expect("content-type", /application\/ld\+json/);
    expect(poisoned.text).not.toContain("evil.example");
    const plain = await get("direct", "/v1/actors/russia")
      .expect(200)
      .expect("content-type", /^application\/json/);
    expect(plain.body["@id"]).toBeUndefined();
    expect(plain.body.id).toBe("russia");
    const again = await get("direct", "/v1/actors/russia").expect(200).expect("x-cache", "HIT");
    expect(again.text).toBe(plain.text);
    const ld = await get("direct", "/v1/actors/russia").set("accept", "application/ld+json").expect(200);
    expect(ld.body["@id"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/actors\/russia$/);
  });

  it("keeps a cached plain answer unchanged whatever Accept and Host a later request sends", async () => {
    const first = await get("direct", "/v1/claims?limit=3").expect(200);
    for (const accept of ["application/json, application/ld+json", "text/html", "*/*;q=0.1", "application/ld+json"]) {
      await get("direct", "/v1/claims?limit=3").set("accept", accept).set("host", "evil.example");
    }
    const later = await get("direct", "/v1/claims?limit=3").expect(200).expect("x-cache", "HIT");
    expect(later.text).toBe(first.text);
  });

  it("takes no part of the oEmbed answer or the card from a client's Host header", async () => {
    const url = encodeURIComponent("https://anywhere.example/v1/actors/russia");
    for (const format of ["json", "xml"]) {
      const response = await get("direct", `/oembed?url=${url}&format=${format}`).set("host", hostile).expect(200);
      expect(response.text).not.toContain("evil");
      expect(response.text).not.toContain("<img");
    }
    const card = await get("direct", "/embed/actors/russia").set("host", hostile).expect(200);
    expect(card.text).not.toContain("evil");
  });

  it("behind a trusted proxy, uses the forwarded host, and refuses one that is not a host name (400)", async () => {
    const url = encodeURIComponent("https://anywhere.example/v1/actors/russia");
    const forwarded = await get("proxied", `/oembed?url=${url}`).set("x-forwarded-host", "kb.example.net").expect(200);
    expect(forwarded.body.provider_url).toBe("http://kb.example.net");
    const other = await get("proxied", `/oembed?url=${url}`).set("x-forwarded-host", "mirror.example.net").expect(200);
    expect(other.body.provider_url).toBe("http://mirror.example.net");
    expect(other.headers["x-cache"]).toBe("MISS");
    const refused = await get("proxied", `/oembed?url=${url}`)
      .set("x-forwarded-host", hostile)
      .expect(400)
      .expect("content-type", /problem\+json/);
    expect(refused.body.invalidParams).toEqual([expect.objectContaining({ in: "header", name: "host" })]);
  });

  it("uses the configured public URL whatever the request's headers say", async () => {
    const url = encodeURIComponent("https://anywhere.example/v1/actors/russia");
    const response = await get("configured", `/oembed?url=${url}`).set("x-forwarded-host", "evil.example").expect(200);
    expect(response.body.provider_url).toBe("https://kb.example.org");
    expect(response.body.html).toContain('src="https://kb.example.org/embed/actors/russia"');
  });
});
