// GET /v1/timeline and its card: the article's events in the order of the
// periods their dates name (a month after its days, a year after its months),
// each as precise as the article dates it, filtered, paged, and rendered as a
// vertical timeline for an iframe.
import { expect, it } from "vitest";
import { useTestApp, walk } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

interface Entry {
  id: string;
  date: string;
  datePrecision: string;
  endDate: string | null;
  participants: { actor: { id: string } }[];
}

/** The last day a partial date's period may reach, as text that sorts like it: `2025-04` → `2025-04-99`. */
const periodEnd = (date: string) => (date.length === 4 ? `${date}-99` : date.length === 7 ? `${date}-99` : date);

describeEachDatabase("the timeline", (provider) => {
  const api = useTestApp(provider, { rateLimit: false, publicUrl: "http://kb.example" });

  it("orders the article's events by the end of the period each date names, as precise as the article says", async () => {
    const entries = (await walk(api.get, "/v1/timeline?limit=3")) as unknown as Entry[];
    expect(entries).toHaveLength(16);
    const keys = entries.map((e) => `${periodEnd(e.date)} ${e.id}`);
    expect(keys).toEqual([...keys].sort());
    const at = (id: string) => entries.findIndex((e) => e.id === id);
    // 2022's talks (dated to the year) come after February 2022's invasion, not before it as on 1 January.
    expect(at("russian-full-scale-invasion")).toBe(0);
    expect(at("peace-talks-belarus-2022")).toBeGreaterThan(at("russian-full-scale-invasion"));
    // April 2025 follows every April day, and 2025 follows its months and days.
    expect(at("us-withdrawal-threat")).toBeLessThan(at("victory-day-truce-proposal"));
    expect(at("trump-inauguration")).toBeGreaterThan(at("victory-day-truce-proposal"));
    const truce = entries[at("victory-day-truce-proposal")];
    expect(truce).toMatchObject({ date: "2025-05-08", datePrecision: "day", endDate: "2025-05-10" });
    expect(entries[at("us-withdrawal-threat")]).toMatchObject({ date: "2025-04", datePrecision: "month" });
    expect(entries[at("bucha-massacre")]).toMatchObject({ date: "2022", datePrecision: "year" });
  });

  it("filters by actor and by dates, in the same order", async () => {
    const all = (await walk(api.get, "/v1/timeline?limit=100")) as unknown as Entry[];
    const ukraine = (await walk(api.get, "/v1/timeline?actor=ukraine&limit=2")) as unknown as Entry[];
    expect(ukraine.map((e) => e.id)).toEqual(
      all.filter((e) => e.participants.some((p) => p.actor.id === "ukraine")).map((e) => e.id),
    );
    const spring = (await api.get("/v1/timeline?from=2025-03&to=2025-04").expect(200)).body.data as Entry[];
    expect(spring.map((e) => e.id)).toEqual([
      "oval-office-meeting",
      "us-aid-suspension",
      "rubio-move-on-warning",
      "us-withdrawal-threat",
    ]);
    expect((await api.get("/v1/timeline?actor=atlantis").expect(200)).body.data).toEqual([]);
    for (const bad of ["/v1/timeline?from=April", "/v1/timeline?cursor=forged", "/v1/timeline?issue=crimea"]) {
      const response = await api.get(bad).expect(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
  });

  it("renders as a card: a vertical timeline, each date as its period, each title a link to its page", async () => {
    const response = await api.get("/embed/timeline?actor=ukraine&theme=dark").expect(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["content-security-policy"]).toMatch(
      /^default-src 'none';style-src 'sha256-[\w+/=]+';base-uri 'none';form-action 'none';frame-ancestors \*$/,
    );
    const html = response.text;
    expect(html).toContain('<h1 id="title">Timeline: Ukraine</h1>');
    expect(html).toContain('<time datetime="2025-04">April 2025</time>');
    expect(html).toContain('<time datetime="2022">2022</time>');
    expect(html).toContain(
      '<time datetime="2025-05-08">8 May 2025</time> to <time datetime="2025-05-10">10 May 2025</time>',
    );
    expect(html).toContain('<a href="http://kb.example/events/us-withdrawal-threat" target="_top">');
    const ukraine = (await api.get("/v1/timeline?actor=ukraine&limit=100").expect(200)).body.data as Entry[];
    const order = ukraine.map((e) => html.indexOf(`/events/${e.id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toMatch(/<script|style="/);
    await api.get("/embed/timeline?actor=atlantis").expect(404);
    await api.get("/embed/timeline?theme=neon").expect(400);
    expect((await api.get("/embed/timeline").expect(200)).text).toContain('<h1 id="title">Timeline</h1>');
  });
});
