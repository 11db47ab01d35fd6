// Behaviour shared by every route: errors, pagination edges, CORS, request ids, probes.
import { expect, it } from "vitest";
import { encodeCursor } from "../src/http/pagination.js";
import { useTestApp } from "./helpers/api.js";
import { describeEachDatabase } from "./helpers/test-database.js";

describeEachDatabase("HTTP behaviour", (provider) => {
  const api = useTestApp(provider);

  it("answers /healthz and /readyz", async () => {
    expect((await api.get("/healthz").expect(200)).body).toEqual({ status: "ok" });
    expect((await api.get("/readyz").expect(200)).body).toEqual({ status: "ready", database: provider, revision: 1 });
  });

  it("returns a request id in x-request-id, honouring an incoming one", async () => {
    const generated = await api.get("/healthz").expect(200);
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await api.get("/healthz").set("x-request-id", "trace-123").expect(200);
    expect(echoed.headers["x-request-id"]).toBe("trace-123");
  });

  it("allows reads from any origin", async () => {
    const response = await api.get("/v1/actors/europe").set("origin", "https://example.org").expect(200);
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    expect(response.headers["access-control-expose-headers"]).toMatch(/x-request-id/);
  });

  it("answers unknown routes with 404 problem+json", async () => {
    const response = await api
      .get("/v1/nothing-here")
      .expect(404)
      .expect("content-type", /application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      instance: "/v1/nothing-here",
    });
  });

  it.each([
    ["limit of 0", "/v1/claims?limit=0", "limit"],
    ["limit over 100", "/v1/claims?limit=101", "limit"],
    ["non-numeric limit", "/v1/claims?limit=ten", "limit"],
    ["repeated parameter", "/v1/claims?kind=fact&kind=reason", "kind"],
    ["garbage cursor", "/v1/claims?cursor=!!!", "cursor"],
    ["cursor of another list", `/v1/claims?cursor=${encodeCursor("actors", ["europe"])}`, "cursor"],
    ["forged sort key", `/v1/events?cursor=${encodeCursor("events", ["not-a-date", "x"])}`, "cursor"],
    ["well-formed but unsigned cursor", `/v1/actors?cursor=${encodeCursor("actors", ["m"])}`, "cursor"],
    ["unknown include", "/v1/implications?include=everything", "include"],
  ])("answers 400 problem+json naming the parameter for a %s", async (_, url, name) => {
    const response = await api
      .get(url)
      .expect(400)
      .expect("content-type", /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: "/problems/invalid-parameters", status: 400 });
    expect(response.body.invalidParams).toEqual([expect.objectContaining({ in: "query", name })]);
    expect(response.body.title).toBe("Invalid parameters");
  });

  it("says a repeated parameter was repeated", async () => {
    const response = await api.get("/v1/claims?kind=fact&kind=reason").expect(400);
    expect(response.body.invalidParams).toEqual([{ in: "query", name: "kind", reason: "is repeated: give it once" }]);
  });

  it("refuses a signed cursor whose MAC or payload was altered, and one signed for another list", async () => {
    const issued: string = (await api.get("/v1/actors?limit=2").expect(200)).body.page.nextCursor;
    const [payload = "", mac = ""] = issued.split(".");
    expect(mac).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await api.get(`/v1/actors?limit=2&cursor=${issued}`).expect(200);
    const flipped = `${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
    for (const cursor of [`${payload}.${flipped}`, `${encodeCursor("actors", ["m"])}.${mac}`, payload, `${issued}.x`]) {
      const response = await api.get(`/v1/actors?cursor=${cursor}`).expect(400);
      expect(response.body.invalidParams, cursor).toEqual([expect.objectContaining({ in: "query", name: "cursor" })]);
    }
    await api.get(`/v1/claims?cursor=${issued}`).expect(400);
  });

  it("answers ids that cannot name a record, and malformed URLs, with 400 problem+json", async () => {
    for (const url of [
      "/v1/actors/%00",
      "/v1/claims?speaker=%00",
      "/v1/actors/Not%20A%20Slug",
      "/v1/actors/%E0%A4%A",
    ]) {
      const response = await api
        .get(url)
        .expect(400)
        .expect("content-type", /application\/problem\+json/);
      expect(response.body.status, url).toBe(400);
    }
  });

  it("pages from the first page to the last", async () => {
    const first = await api.get("/v1/implications?limit=10").expect(200);
    expect(first.body.data).toHaveLength(10);
    expect(first.body.page).toEqual({ limit: 10, nextCursor: expect.any(String) });
    const last = await api.get(`/v1/implications?limit=10&cursor=${first.body.page.nextCursor}`).expect(200);
    expect(last.body.data).toHaveLength(6);
    expect(last.body.page.nextCursor).toBeNull();
  });

  it("keeps a cursor from a previous page valid after new data arrives", async () => {
    const first = await api.get("/v1/claims?limit=10").expect(200);
    const lastSeen: string = first.body.data.at(-1).id;
    const prisma = api.app().db.prisma;
    await prisma.claim.createMany({
      data: [
        { id: "aaa-added-before-the-cursor", kind: "fact", text: "Added before." },
        { id: "zzz-added-after-the-cursor", kind: "fact", text: "Added after." },
      ],
    });
    try {
      let cursor: string | null = first.body.page.nextCursor;
      const rest: string[] = [];
      while (cursor) {
        const page = await api.get(`/v1/claims?limit=10&cursor=${cursor}`).expect(200);
        rest.push(...page.body.data.map((c: { id: string }) => c.id));
        cursor = page.body.page.nextCursor;
      }
      expect((rest[0] ?? "") > lastSeen).toBe(true);
      expect(rest).not.toContain("aaa-added-before-the-cursor");
      expect(rest).toContain("zzz-added-after-the-cursor");
      expect(rest).toHaveLength(46 - 10 + 1);
    } finally {
      await prisma.claim.deleteMany({
        where: { id: { in: ["aaa-added-before-the-cursor", "zzz-added-after-the-cursor"] } },
      });
    }
  });
});
