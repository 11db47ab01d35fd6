// Implications as tracked forecasts: a later source's import resolves the
// article's implications (occurred, did not), each resolution quoting that
// source; the implications' status follows the latest resolution; and each
// source's scorecard gives the probability its own hedge stands for, the
// squared errors and their mean, the Brier score. Refusals, retraction and a
// contrary later source, on both databases.
import request from "supertest";
import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.js";
import { useTestApp, walk } from "../helpers/api.js";
import { resolutionsFixture } from "../helpers/fixtures.js";
import { describeEachDatabase } from "../helpers/test-database.js";

const article = "us-withdrawal-from-peace-talks-2025";
const later = resolutionsFixture();
const text = [...(later.document.text as string)];

describeEachDatabase("resolutions and scorecards", (provider) => {
  const api = useTestApp(provider, { rateLimit: false });
  let token: string;
  beforeAll(async () => {
    token = (await createApiKey(api.app().db.prisma, "resolutions", ["write"])).token;
  });
  const post = (body: object) =>
    request(api.app().server).post("/v1/imports").set("authorization", `Bearer ${token}`).send(body);
  const ids = async (url: string) => (await walk(api.get, url)).map((r) => r.id);
  const expectProblem = async (url: string) => {
    const response = await api.get(url);
    expect(response.status, url).toBeGreaterThanOrEqual(400);
    expect(response.status, url).toBeLessThan(500);
    expect(response.headers["content-type"], url).toMatch(/^application\/problem\+json/);
  };

  it("leaves every seeded implication open until a later source resolves it", async () => {
    const all = (await walk(api.get, "/v1/implications?limit=100")) as unknown as { status: string }[];
    expect(all).toHaveLength(16);
    expect(all.every((i) => i.status === "open")).toBe(true);
    const card = (await api.get(`/v1/sources/${article}/scorecard`).expect(200)).body;
    expect(card).toMatchObject({
      counts: { stated: 16, open: 16, resolved: 0, scored: 0 },
      brierScore: null,
      data: [],
    });
  });

  it("refuses a resolution that grades its own source, names no stored implication, or is not in its text", async () => {
    const [first] = later.resolutions;
    const own = {
      document: {
        id: "self-graded-note",
        kind: "analysis",
        title: "A self-graded note",
        text: "It may rain. It rained.",
      },
      implications: [
        {
          id: "rain-may-fall",
          kind: "consequence",
          title: "Rain",
          summary: "It may rain.",
          hedge: "may",
          actors: [{ actor: "europe", role: "subject" }],
          evidence: ["It may rain."],
        },
      ],
      resolutions: [
        {
          id: "it-rained",
          implication: "rain-may-fall",
          outcome: "occurred",
          date: "2026",
          summary: "It rained.",
          evidence: ["It rained."],
        },
      ],
    };
    const refusals: [object, string, RegExp][] = [
      [own, "resolutions.0.implication", /draws out itself/],
      [
        { ...later, resolutions: [{ ...first, implication: "no-such-implication" }] },
        "resolutions.0.implication",
        /unknown implication/,
      ],
      [{ ...later, resolutions: [first, { ...first, id: "again" }] }, "resolutions.1.implication", /already resolves/],
      [{ ...later, resolutions: [first, { ...first }] }, "resolutions.1.id", /duplicate id/],
      [{ ...later, resolutions: [{ ...first, date: "2026-02-30" }] }, "resolutions.0.date", /not a real calendar date/],
      [{ ...later, resolutions: [{ ...first, date: "March 2026" }] }, "resolutions.0.date", /YYYY/],
      [{ ...later, resolutions: [{ ...first, outcome: "partly" }] }, "resolutions.0.outcome", /./],
      [
        { ...later, resolutions: [{ ...first, evidence: ["Europe paid for everything."] }] },
        "resolutions.0.evidence.0",
        /./,
      ],
    ];
    for (const [body, name, reason] of refusals) {
      const response = await post(body).expect(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.body.invalidParams, name).toContainEqual(
        expect.objectContaining({ name, reason: expect.stringMatching(reason) }),
      );
    }
    await api.get("/v1/sources/self-graded-note").expect(404);
  });

  it("resolves the article's implications by a later source's import, each in that source's words", async () => {
    await post(later).expect(201);
    const europe = (await api.get("/v1/implications/europe-increased-responsibility").expect(200)).body;
    expect(europe).toMatchObject({
      hedge: "would",
      likelihood: "likely",
      status: "occurred",
      resolutions: [
        {
          id: "europe-took-up-the-burden-2026",
          outcome: "occurred",
          date: "2026-03",
          datePrecision: "month",
          source: { id: "talks-a-year-on-2026", title: "The peace talks a year on" },
        },
      ],
    });
    // The article's own words are untouched: the resolution is the later source's record.
    expect(europe.sourceCount).toBe(1);
    expect(europe.evidence.every((e: { source: { id: string } }) => e.source.id === article)).toBe(true);
    const resolution = (await api.get("/v1/resolutions/europe-took-up-the-burden-2026").expect(200)).body;
    expect(resolution).toMatchObject({
      implication: { id: "europe-increased-responsibility", title: "Increased responsibility" },
      outcome: "occurred",
      sourceCount: 1,
    });
    for (const e of resolution.evidence) {
      expect(e.source.id).toBe("talks-a-year-on-2026");
      expect(text.slice(e.start, e.end).join("")).toBe(e.quote);
    }
    expect(resolution.evidence[0]).toMatchObject({ start: 0, end: 88 });
    expect(await ids("/v1/implications?status=occurred&limit=2")).toEqual([
      "europe-increased-responsibility",
      "russia-tactical-delays",
      "ukraine-potential-aid-cuts",
    ]);
    expect(await ids("/v1/implications?status=did-not-occur")).toEqual(["scenario-unilateral-ceasefire"]);
    expect(await ids("/v1/implications?status=open&limit=100")).toHaveLength(12);
    // Ukraine's even chances: the resolved aid cuts are no longer among the open ones.
    expect(await ids("/v1/implications?status=open&likelihood=roughly-even-chance&actor=ukraine&role=subject")).toEqual(
      ["scenario-continued-stalemate", "ukraine-increased-vulnerability", "ukraine-reduced-leverage"],
    );
    // In date order, by the end of each date's period: 2025 before March 2026.
    expect(await ids("/v1/resolutions?limit=3")).toEqual([
      "no-unilateral-ceasefire-2025",
      "us-aid-cut-2025",
      "europe-took-up-the-burden-2026",
      "russia-kept-delaying-2026",
    ]);
    expect(await ids("/v1/resolutions?outcome=did-not-occur")).toEqual(["no-unilateral-ceasefire-2025"]);
    expect(await ids("/v1/resolutions?implication=ukraine-potential-aid-cuts")).toEqual(["us-aid-cut-2025"]);
    expect(await ids("/v1/resolutions?actor=europe&from=2026")).toEqual(["europe-took-up-the-burden-2026"]);
    expect(
      (await api.get("/v1/implications/europe-increased-responsibility/resolutions").expect(200)).body.data,
    ).toEqual(europe.resolutions);
    const changes = (await walk(api.get, "/v1/changes?limit=100")) as unknown as { type: string; id: string }[];
    expect(
      changes
        .filter((c) => c.type === "resolutions")
        .map((c) => c.id)
        .sort(),
    ).toEqual([
      "europe-took-up-the-burden-2026",
      "no-unilateral-ceasefire-2025",
      "russia-kept-delaying-2026",
      "us-aid-cut-2025",
    ]);
  });

  it("scores the article: the middle of each band its hedge gives, against the outcomes, and their mean", async () => {
    const card = (await api.get(`/v1/sources/${article}/scorecard`).expect(200)).body;
    expect(card.counts).toEqual({ stated: 16, open: 12, resolved: 4, scored: 3 });
    const rows = Object.fromEntries(card.data.map((row: { implication: { id: string } }) => [row.implication.id, row]));
    // would → likely (55-80%): 0.675, and it occurred: (0.675 - 1)² = 0.105625.
    expect(rows["europe-increased-responsibility"]).toMatchObject({
      hedge: "would",
      likelihood: "likely",
      probability: 0.675,
      outcome: "occurred",
      squaredError: 0.105625,
      resolution: { id: "europe-took-up-the-burden-2026", source: { id: "talks-a-year-on-2026" } },
    });
    // could → roughly even (45-55%): 0.5, and it occurred: 0.25.
    expect(rows["ukraine-potential-aid-cuts"]).toMatchObject({ probability: 0.5, squaredError: 0.25 });
    // makes this unlikely → unlikely (20-45%): 0.325, and it did not occur: 0.105625.
    expect(rows["scenario-unilateral-ceasefire"]).toMatchObject({
      hedge: "makes this unlikely",
      likelihood: "unlikely",
      probability: 0.325,
      outcome: "did-not-occur",
      squaredError: 0.105625,
    });
    // No words of likelihood: listed, not scored.
    expect(rows["russia-tactical-delays"]).toMatchObject({
      hedge: null,
      likelihood: "unstated",
      probability: null,
      squaredError: null,
    });
    expect(card.brierScore).toBe(0.15375);
    // Paged by implication id, the score over all of them on every page.
    const first = (await api.get(`/v1/sources/${article}/scorecard?limit=3`).expect(200)).body;
    expect(first.data).toHaveLength(3);
    const rest = (await api.get(`/v1/sources/${article}/scorecard?limit=3&cursor=${first.page.nextCursor}`).expect(200))
      .body;
    expect([...first.data, ...rest.data]).toEqual(card.data);
    expect(rest).toMatchObject({ brierScore: 0.15375, page: { nextCursor: null } });
    // The resolving source drew out nothing to score; a cited source neither.
    expect((await api.get("/v1/sources/talks-a-year-on-2026/scorecard").expect(200)).body).toMatchObject({
      counts: { stated: 0, open: 0, resolved: 0, scored: 0 },
      brierScore: null,
    });
    for (const bad of [
      "/v1/sources/no-such-source/scorecard",
      `/v1/sources/${article}/scorecard?cursor=forged`,
      `/v1/sources/${article}/scorecard?limit=0`,
      `/v1/sources/${article}/scorecard?extra=1`,
      "/v1/sources/Not%20A%20Slug/scorecard",
      "/v1/sources/a%00b/scorecard",
    ])
      await expectProblem(bad);
  });

  it("follows the latest resolution when a still later source disagrees, and lists both", async () => {
    const contrary = {
      document: {
        id: "ceasefire-watch-2026",
        kind: "news",
        title: "Ceasefire watch",
        text: "In June 2026 Ukraine stopped strikes on its own for a month without any deal.",
      },
      resolutions: [
        {
          id: "ukraine-unilateral-pause-2026-06",
          implication: "scenario-unilateral-ceasefire",
          outcome: "occurred",
          date: "2026-06",
          summary: "Ukraine paused its strikes for a month without a deal.",
          evidence: ["Ukraine stopped strikes on its own for a month without any deal"],
        },
      ],
    };
    await post(contrary).expect(201);
    const ceasefire = (await api.get("/v1/implications/scenario-unilateral-ceasefire").expect(200)).body;
    expect(ceasefire.status).toBe("occurred");
    expect(ceasefire.resolutions.map((r: { id: string; source: { id: string } }) => `${r.id} ${r.source.id}`)).toEqual([
      "ukraine-unilateral-pause-2026-06 ceasefire-watch-2026",
      "no-unilateral-ceasefire-2025 talks-a-year-on-2026",
    ]);
    const card = (await api.get(`/v1/sources/${article}/scorecard`).expect(200)).body;
    const row = card.data.find(
      (r: { implication: { id: string } }) => r.implication.id === "scenario-unilateral-ceasefire",
    );
    // 0.325 against 1 now: (0.675)² = 0.455625; the mean (0.105625 + 0.25 + 0.455625) / 3 = 0.270417.
    expect(row).toMatchObject({
      outcome: "occurred",
      squaredError: 0.455625,
      resolution: { source: { id: "ceasefire-watch-2026" } },
    });
    expect(card.brierScore).toBe(0.270417);
    // Taken back, the earlier resolution decides again.
    await post({ ...contrary, resolutions: [] }).expect(201);
    await api.get("/v1/resolutions/ukraine-unilateral-pause-2026-06").expect(404);
    expect((await api.get("/v1/implications/scenario-unilateral-ceasefire").expect(200)).body.status).toBe(
      "did-not-occur",
    );
    expect((await api.get(`/v1/sources/${article}/scorecard`).expect(200)).body.brierScore).toBe(0.15375);
  });

  it("refuses to take back an implication a later source has resolved, and reopens one whose resolution is taken back", async () => {
    const forecast = {
      document: {
        id: "forecast-note",
        kind: "analysis",
        title: "A forecast",
        text: "Talks could resume in the autumn.",
      },
      implications: [
        {
          id: "talks-may-resume",
          kind: "scenario",
          title: "Talks resume",
          summary: "Talks could resume in the autumn.",
          hedge: "could",
          horizon: "in the autumn",
          actors: [{ actor: "ukraine", role: "subject" }],
          evidence: ["Talks could resume in the autumn."],
        },
      ],
    };
    const outcome = {
      document: { id: "outcome-note", kind: "news", title: "An outcome", text: "Talks resumed in October." },
      resolutions: [
        {
          id: "talks-resumed",
          implication: "talks-may-resume",
          outcome: "occurred",
          date: "2026-10",
          summary: "Talks resumed in October.",
          evidence: ["Talks resumed in October."],
        },
      ],
    };
    await post(forecast).expect(201);
    await post(outcome).expect(201);
    expect((await api.get("/v1/sources/forecast-note/scorecard").expect(200)).body).toMatchObject({
      counts: { stated: 1, resolved: 1, scored: 1 },
      brierScore: 0.25,
    });
    const refused = await post({ ...forecast, implications: [] }).expect(409);
    expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/implication "talks-may-resume" \(by resolution "talks-resumed"\)/);
    expect((await api.get("/v1/implications/talks-may-resume").expect(200)).body.status).toBe("occurred");
    await post({ ...outcome, resolutions: [] }).expect(201);
    expect((await api.get("/v1/implications/talks-may-resume").expect(200)).body).toMatchObject({
      status: "open",
      resolutions: [],
    });
    await post({ ...forecast, implications: [] }).expect(201);
    await api.get("/v1/implications/talks-may-resume").expect(404);
  });

  it("answers hostile queries with problem+json", async () => {
    for (const bad of [
      "/v1/implications?status=maybe",
      "/v1/implications?status=open&status=occurred",
      "/v1/resolutions?outcome=partly",
      "/v1/resolutions?implication=Not%20A%20Slug",
      "/v1/resolutions?implication=x%00",
      "/v1/resolutions?from=March",
      "/v1/resolutions?cursor=forged",
      "/v1/resolutions/%F0%9F%92%A5",
      "/v1/resolutions/no-such-resolution",
      "/v1/resolutions/no-such-resolution/evidence",
    ])
      await expectProblem(bad);
  });
});
