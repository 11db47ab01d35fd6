import { expect, it } from "vitest";
import { formatPartialDate } from "../../src/content/partial-date.js";
import type { DatePrecision } from "../../src/content/rows.js";
import type { Prisma } from "../../src/generated/sqlite/client.js";
import { expectWalkedIds, searchMatches, useTestApp, walk } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

describeEachDatabase("events API", (provider) => {
  const api = useTestApp(provider);

  it("lists events by date, then id, with the source's precision", async () => {
    const events = await walk(api.get, "/v1/events?limit=5");
    expect(events).toHaveLength(16);
    const dates = events.map((e) => (e as unknown as { date: string }).date);
    expect(dates.slice(0, 4)).toEqual(["2022", "2022", "2022", "2022-02"]);
    expect(dates.at(-1)).toBe("2025-05-08");
    const padded = dates.map((d) => d.padEnd(10, "-00"));
    expect(padded).toEqual([...padded].sort());
  });

  it("answers every event as Prisma reads it, with its participants and evidence", async () => {
    const stored = await api.app().db.prisma.event.findMany({
      orderBy: [{ date: "asc" }, { id: "asc" }],
      include: {
        participants: {
          select: { actor: { select: { id: true, name: true } }, role: true },
          orderBy: { actorId: "asc" },
        },
        evidence: {
          select: { id: true, quote: true, start: true, end: true, source: { select: { id: true, title: true } } },
          orderBy: { id: "asc" },
        },
      },
    });
    expect(await walk(api.get, "/v1/events?limit=3")).toEqual(
      stored.map((event) => ({
        id: event.id,
        title: event.title,
        summary: event.summary,
        date: formatPartialDate(event.date, event.datePrecision as DatePrecision),
        datePrecision: event.datePrecision,
        endDate: event.endDate && formatPartialDate(event.endDate, "day"),
        location: event.location,
        participants: event.participants,
        evidence: event.evidence,
        sourceCount: event.sourceCount,
        conflicts: JSON.parse(event.conflicts),
        createdAt: event.createdAt.toISOString(),
        updatedAt: event.updatedAt.toISOString(),
      })),
    );
    expect(stored.some((event) => event.endDate !== null && event.participants.length > 1)).toBe(true);
  });

  it("returns the proposed truce with its end date and participants", async () => {
    const response = await api.get("/v1/events/victory-day-truce-proposal").expect(200);
    expect(response.body).toMatchObject({
      date: "2025-05-08",
      datePrecision: "day",
      endDate: "2025-05-10",
      participants: [
        { actor: { id: "russia", name: "Russia" }, role: "proposer" },
        { actor: { id: "ukraine", name: "Ukraine" }, role: "dismissed the proposal" },
      ],
    });
    expect(response.body.evidence.map((e: { quote: string }) => e.quote)).toContain(
      "Russia’s proposed three-day ceasefire for May 8–10, 2025, was dismissed by Kyiv as performative.",
    );
    expect(response.body.included).toBeUndefined();
  });

  it("filters by date range: a month includes the whole month", async () => {
    const march = await api.get("/v1/events?from=2025-03&to=2025-03").expect(200);
    expect(march.body.data.map((e: { id: string }) => e.id)).toEqual(["oval-office-meeting", "us-aid-suspension"]);
    const y2022 = await api.get("/v1/events?to=2022").expect(200);
    expect(y2022.body.data.map((e: { id: string }) => e.id)).toEqual([
      "bucha-massacre",
      "peace-talks-belarus-2022",
      "peace-talks-turkey-2022",
      "russian-full-scale-invasion",
    ]);
  });

  it("filters by participant and text, combined", async () => {
    const response = await api.get("/v1/events?actor=russia&q=attack").expect(200);
    expect(response.body.data.map((e: { id: string }) => e.id)).toEqual(["attack-on-kryvyi-rih", "attack-on-sumy"]);
  });

  it("pages through each combination of filters to exactly the events the data holds, by date then id", async () => {
    const prisma = api.app().db.prisma;
    const talks = await searchMatches(api.get, "talks", "event");
    const cases: [string, Prisma.EventWhereInput][] = [
      ["actor=russia", { participants: { some: { actorId: "russia" } } }],
      ["from=2022&to=2022", { date: { gte: new Date("2022-01-01"), lt: new Date("2023-01-01") } }],
      [
        "actor=ukraine&from=2025-03",
        { participants: { some: { actorId: "ukraine" } }, date: { gte: new Date("2025-03-01") } },
      ],
      ["q=talks", { id: { in: talks } }],
      ["q=talks&to=2024", { id: { in: talks }, date: { lt: new Date("2025-01-01") } }],
      [
        "actor=russia&q=attack",
        { participants: { some: { actorId: "russia" } }, id: { in: await searchMatches(api.get, "attack", "event") } },
      ],
    ];
    const all = await prisma.event.count();
    for (const [query, where] of cases) {
      const expected = await prisma.event.findMany({
        where,
        orderBy: [{ date: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      await expectWalkedIds(api.get, `/v1/events?${query}`, expected, all);
    }
  });

  it("expands participants in full with include=actors", async () => {
    const response = await api.get("/v1/events/oval-office-meeting?include=actors").expect(200);
    expect(response.body.included.actors.map((a: { id: string; role: string }) => [a.id, a.role])).toEqual([
      ["donald-trump", "President"],
      ["volodymyr-zelenskyy", "President"],
    ]);
  });

  it("rejects malformed dates and unknown includes with 400", async () => {
    const date = await api.get("/v1/events?from=2025-13").expect(400);
    expect(date.body.invalidParams[0]).toMatchObject({ in: "query", name: "from" });
    const include = await api.get("/v1/events/oval-office-meeting?include=claims").expect(400);
    expect(include.body.invalidParams[0]).toMatchObject({
      name: "include",
      reason: expect.stringMatching(/unknown relation/),
    });
  });

  it("answers 404 for an unknown event", async () => {
    await api
      .get("/v1/events/moon-landing")
      .expect(404)
      .expect("content-type", /problem\+json/);
  });
});
