// GET /v1/timeline and its card: the article's events and positions in the
// order of the periods their dates name (a month after its days, a year after
// its months), each as precise as the article dates it, filtered, paged, and
// rendered as a vertical timeline for an iframe.
import request from "supertest";
import { expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.js";
import { useTestApp, walk } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

interface Entry {
  type: "event" | "claim" | "position";
  id: string;
  date: string;
  datePrecision: string;
  endDate?: string | null;
  participants?: { actor: { id: string } }[];
  actor?: { id: string };
  issue?: { id: string };
  stance?: string;
  event?: { id: string } | null;
}

/** Within one period: events, then dated claims, then positions. */
const rank = { event: 0, claim: 1, position: 2 };

/** The last day a partial date's period may reach, as text that sorts like it: `2025-04` → `2025-04-99`. */
const periodEnd = (date: string) => (date.length === 4 ? `${date}-99` : date.length === 7 ? `${date}-99` : date);

describeEachDatabase("the timeline", (provider) => {
  const api = useTestApp(provider, { rateLimit: false, publicUrl: "http://kb.example" });

  it("orders the article's events by the end of the period each date names, as precise as the article says", async () => {
    const entries = (await walk(api.get, "/v1/timeline?type=event&limit=3")) as unknown as Entry[];
    expect(entries).toHaveLength(16);
    expect(entries.every((e) => e.type === "event")).toBe(true);
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

  it("puts dated claims and positions among the events, each dated as the article dates it (a position: or by its event)", async () => {
    const entries = (await walk(api.get, "/v1/timeline?limit=7")) as unknown as Entry[];
    expect(entries.filter((e) => e.type === "event")).toHaveLength(16);
    expect(entries.filter((e) => e.type === "claim")).toHaveLength(8);
    expect(entries.filter((e) => e.type === "position")).toHaveLength(28);
    // By the end of the period, then events, claims, positions, then id.
    const keys = entries.map((e) => `${periodEnd(e.date)} ${rank[e.type]} ${e.id}`);
    expect(keys).toEqual([...keys].sort());
    const at = (id: string) => entries.findIndex((e) => e.id === id);
    // Russia's 2022 demands follow February 2022's invasion and the year's talks.
    expect(at("russia-demands-neutrality-2022")).toBeGreaterThan(at("peace-talks-belarus-2022"));
    // April 2025's positions follow April's event; the truce positions take the truce's day, after the event.
    expect(at("russia-rejects-full-ceasefire-2025")).toBeGreaterThan(at("us-withdrawal-threat"));
    expect(entries[at("ukraine-rejects-three-day-truce-2025")]).toMatchObject({
      type: "position",
      date: "2025-05-08",
      datePrecision: "day",
      actor: { id: "ukraine" },
      issue: { id: "ceasefire-terms" },
      stance: "rejects",
      event: { id: "victory-day-truce-proposal" },
    });
    expect(at("ukraine-rejects-three-day-truce-2025")).toBe(at("victory-day-truce-proposal") + 2);
    // The US framework, dated only to 2025, follows every month of 2025.
    expect(at("united-states-proposes-crimea-recognition-2025")).toBeGreaterThan(
      at("ukraine-rejects-three-day-truce-2025"),
    );
    expect(entries[at("united-states-proposes-crimea-recognition-2025")]).toMatchObject({
      date: "2025",
      datePrecision: "year",
    });
    // Rubio's warning, which the article dates "By April", follows April's event and comes before April's positions.
    expect(entries[at("statement-rubio-move-on")]).toMatchObject({
      type: "claim",
      kind: "statement",
      speaker: { id: "marco-rubio" },
      date: "2025-04",
      datePrecision: "month",
    });
    expect(at("statement-rubio-move-on")).toBeGreaterThan(at("us-withdrawal-threat"));
    expect(at("statement-rubio-move-on")).toBeLessThan(at("russia-rejects-full-ceasefire-2025"));
    // Claims the article does not date are not on it.
    expect(at("assessment-russia-playing-for-time")).toBe(-1);
    for (const type of ["claim", "position"] as const) {
      const only = (await walk(api.get, `/v1/timeline?type=${type}&limit=100`)) as unknown as Entry[];
      expect(only.map((e) => e.id)).toEqual(entries.filter((e) => e.type === type).map((e) => e.id));
    }
  });

  it("filters by issue: its positions, the events they were taken at and the dated claims that state them", async () => {
    const crimea = (await walk(api.get, "/v1/timeline?issue=status-of-crimea&limit=1")) as unknown as Entry[];
    expect(crimea.map((e) => `${e.date} ${e.type} ${e.id}`)).toEqual([
      "2022 claim position-russia-demands-2022",
      "2022 position russia-demands-crimea-recognition-2022",
      "2025 event us-peace-framework-proposal",
      "2025 claim position-ukraine-rejects-us-framework",
      "2025 claim position-us-framework-2025",
      "2025 position ukraine-rejects-crimea-recognition-2025",
      "2025 position united-states-proposes-crimea-recognition-2025",
    ]);
    const truce = (await api.get("/v1/timeline?issue=ceasefire-terms&actor=ukraine").expect(200)).body.data as Entry[];
    expect(truce.map((e) => e.id)).toEqual([
      "ukraine-accepts-30-day-ceasefire-2025",
      "ukraine-demands-full-ceasefire-2025",
      "victory-day-truce-proposal",
      "ukraine-rejects-three-day-truce-2025",
    ]);
    expect((await api.get("/v1/timeline?issue=moon-landing").expect(200)).body.data).toEqual([]);
  });

  it("filters by actor and by dates, in the same order", async () => {
    const all = (await walk(api.get, "/v1/timeline?limit=100")) as unknown as Entry[];
    const ukraine = (await walk(api.get, "/v1/timeline?actor=ukraine&limit=2")) as unknown as Entry[];
    // Its claims: by it or about it, where the article dates them.
    const claims = (await walk(api.get, "/v1/actors/ukraine/claims?limit=100")) as unknown as { date: string | null }[];
    const dated = new Set(claims.filter((c) => c.date !== null).map((c) => (c as unknown as Entry).id));
    expect(dated.size).toBeGreaterThan(2);
    expect(ukraine.map((e) => e.id)).toEqual(
      all
        .filter(
          (e) => e.actor?.id === "ukraine" || e.participants?.some((p) => p.actor.id === "ukraine") || dated.has(e.id),
        )
        .map((e) => e.id),
    );
    expect(ukraine.filter((e) => e.type === "position")).toHaveLength(12);
    const spring = (await api.get("/v1/timeline?from=2025-03&to=2025-04&type=event").expect(200)).body.data as Entry[];
    expect(spring.map((e) => e.id)).toEqual([
      "oval-office-meeting",
      "us-aid-suspension",
      "rubio-move-on-warning",
      "us-withdrawal-threat",
    ]);
    const may = (await api.get("/v1/timeline?from=2025-05&to=2025-05").expect(200)).body.data as Entry[];
    expect(may.map((e) => e.id)).toEqual([
      "victory-day-truce-proposal",
      "russia-proposes-three-day-truce-2025",
      "ukraine-rejects-three-day-truce-2025",
    ]);
    expect((await api.get("/v1/timeline?actor=atlantis").expect(200)).body.data).toEqual([]);
    const oldCursor = Buffer.from(JSON.stringify({ l: "timeline", k: ["2025-99", "x"] })).toString("base64url");
    for (const bad of [
      "/v1/timeline?from=April",
      "/v1/timeline?cursor=forged",
      `/v1/timeline?cursor=${oldCursor}`,
      "/v1/timeline?issue=Status%20of%20Crimea",
      "/v1/timeline?issue=crimea%00",
      "/v1/timeline?type=quote",
      "/v1/timeline?type=event&type=position",
    ]) {
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
    const ukraine = (await api.get("/v1/timeline?actor=ukraine&type=event&limit=100").expect(200)).body.data as Entry[];
    const order = ukraine.map((e) => html.indexOf(`/events/${e.id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toMatch(/<script|style="/);
    await api.get("/embed/timeline?actor=atlantis").expect(404);
    await api.get("/embed/timeline?theme=neon").expect(400);
    // A dated claim links to its page; a position is its actor's stance and what it refused, on its issue.
    expect(html).toMatch(
      /<li class="claim"><span class="when"><time datetime="2022">2022<\/time><\/span><a href="http:\/\/kb\.example\/claims\/position-ukraine-demands-2022" target="_top">In the 2022 talks Ukraine demanded/,
    );
    expect(html).toContain(
      '<li class="position"><span class="when"><time datetime="2025-05-08">8 May 2025</time></span><a href="http://kb.example/actors/ukraine" target="_top">Ukraine</a> rejects: Kyiv dismissed Russia&#39;s three-day Victory Day ceasefire as performative.<span class="who">On Ceasefire terms</span></li>',
    );
    expect((await api.get("/embed/timeline").expect(200)).text).toContain('<h1 id="title">Timeline</h1>');
    const crimea = (await api.get("/embed/timeline?issue=status-of-crimea").expect(200)).text;
    expect(crimea).toContain('<h1 id="title">Timeline: Status of Crimea</h1>');
    expect(crimea).toContain('href="http://kb.example/v1/timeline?issue=status-of-crimea"');
    expect((await api.get("/embed/timeline?actor=ukraine&issue=status-of-crimea").expect(200)).text).toContain(
      '<h1 id="title">Timeline: Ukraine on Status of Crimea</h1>',
    );
    await api.get("/embed/timeline?issue=moon-landing").expect(404);
  });

  it("dates a claim as its sources do: a more precise date nests, a contrary one is a conflict, an impossible one refused", async () => {
    const { token } = await createApiKey(api.app().db.prisma, "timeline", ["write"]);
    const post = (body: object) =>
      request(api.app().server).post("/v1/imports").set("authorization", `Bearer ${token}`).send(body);
    const text = "On 18 April 2025 Marco Rubio warned that the United States would move on.";
    const claim = {
      id: "statement-rubio-move-on",
      kind: "statement",
      text: "Marco Rubio warned that the US would move on.",
      speaker: "marco-rubio",
      date: "2025-04-18",
      evidence: ["Marco Rubio warned that the United States would move on"],
    };
    const note = (date: string) => ({
      document: { id: "rubio-note-2025", kind: "news", title: "Rubio's warning", text },
      claims: [{ ...claim, date }],
    });
    for (const [date, reason] of [
      ["2025-04-31", /not a real calendar date/],
      ["18 April 2025", /YYYY/],
    ] as const) {
      const response = await post(note(date)).expect(400);
      expect(response.body.invalidParams).toContainEqual(
        expect.objectContaining({ name: "claims.0.date", reason: expect.stringMatching(reason) }),
      );
    }
    await post(note("2025-04-18")).expect(201);
    const nested = (await api.get("/v1/claims/statement-rubio-move-on").expect(200)).body;
    expect(nested).toMatchObject({ date: "2025-04-18", datePrecision: "day", sourceCount: 2, conflicts: [] });
    const day = (await api.get("/v1/timeline?from=2025-04-18&to=2025-04-18").expect(200)).body.data as Entry[];
    expect(day.map((e) => e.id)).toEqual(["statement-rubio-move-on"]);
    await post(note("2025-05-02")).expect(201);
    const contrary = (await api.get("/v1/claims/statement-rubio-move-on").expect(200)).body;
    // The article's date stands, and both are listed with who gives each.
    expect(contrary.date).toBe("2025-04");
    expect(contrary.conflicts).toContainEqual({
      field: "date",
      values: [
        { value: "2025-04", sources: ["us-withdrawal-from-peace-talks-2025"] },
        { value: "2025-05-02", sources: ["rubio-note-2025"] },
      ],
    });
    await post({ ...note("2025-04"), claims: [] }).expect(201);
    expect((await api.get("/v1/claims/statement-rubio-move-on").expect(200)).body).toMatchObject({
      date: "2025-04",
      sourceCount: 1,
      conflicts: [],
    });
  });
});
