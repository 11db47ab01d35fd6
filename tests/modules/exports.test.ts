// GET /v1/export: NDJSON, CSV and JSON, streamed, whole or filtered.
import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { loadSeedDocument } from "../../src/content/seed-directory.js";
import { useTestApp, walk } from "../helpers/api.js";
import { editedSeed } from "../helpers/seed-copy.js";
import { describeEachDatabase } from "../helpers/test-database.js";

const counts = { actors: 19, events: 16, claims: 46, implications: 16, issues: 9, positions: 28, sources: 7 };

describeEachDatabase("exports", (provider) => {
  const api = useTestApp(provider);

  it("streams every record as NDJSON, one per line with its type", async () => {
    const response = await api
      .get("/v1/export")
      .expect(200)
      .expect("content-type", /^application\/x-ndjson/);
    expect(response.headers["transfer-encoding"]).toBe("chunked");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="kb-all-r1.ndjson"');
    expect(response.headers["x-kb-revision"]).toBe("1");
    const lines = response.text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const byType: Record<string, number> = {};
    for (const line of lines) byType[line.recordType] = (byType[line.recordType] ?? 0) + 1;
    expect(byType).toEqual(counts);
    const claim = lines.find((line) => line.id === "reason-lack-of-progress");
    const { recordType: _type, ...record } = claim;
    expect(record).toEqual((await api.get("/v1/claims/reason-lack-of-progress").expect(200)).body);
  });

  it("exports one JSON document with the same records as the lists", async () => {
    const response = await api
      .get("/v1/export?format=json")
      .expect(200)
      .expect("content-type", /^application\/json/);
    const document = JSON.parse(response.text);
    expect(document.revision).toBe(1);
    for (const [type, count] of Object.entries(counts)) {
      expect(document.data[type], type).toHaveLength(count);
      expect(document.data[type].map((r: { id: string }) => r.id)).toEqual(
        (await walk(api.get, `/v1/${type}?limit=100`)).map((r) => r.id),
      );
    }
  });

  it("writes RFC 4180 CSV: commas, quotes and line breaks inside quoted fields", async () => {
    const response = await api
      .get("/v1/export?format=csv&type=claims")
      .expect(200)
      .expect("content-type", /^text\/csv/);
    expect(response.text).toMatch(
      /^id,kind,text,speaker,about,figure,date,datePrecision,implications,evidence,sourceCount,conflicts,createdAt,updatedAt\r\n/,
    );
    const rows = parse(response.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(counts.claims);
    const quoted = rows.find((row) => row.id === "fact-coalition-of-the-willing-plans");
    expect(quoted?.text).toBe('Plans for a "coalition of the willing" to provide security guarantees are underway.');
    expect(response.text).toContain('"Plans for a ""coalition of the willing"" to provide');
    const reason = rows.find((row) => row.id === "reason-lack-of-progress");
    const claim = (await api.get("/v1/claims/reason-lack-of-progress").expect(200)).body;
    expect(reason?.evidence).toBe(claim.evidence.map((e: { quote: string }) => e.quote).join("\n"));
    expect(reason?.about).toBe("russia; ukraine; united-states");
  });

  it("exports only what concerns one actor, and refuses what it cannot do", async () => {
    const response = await api.get("/v1/export?actor=russia").expect(200);
    const lines = response.text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const claims = lines.filter((line) => line.recordType === "claims").map((line) => line.id);
    expect(claims).toEqual((await walk(api.get, "/v1/actors/russia/claims?limit=100")).map((c) => c.id));
    // The actor itself, and every source that what is exported quotes, and no other.
    expect(lines.filter((line) => line.recordType === "actors").map((line) => line.id)).toEqual(["russia"]);
    const quoted = new Set(
      lines
        .filter((line) => line.recordType !== "sources")
        .flatMap((line) => line.evidence.map((e: { source: { id: string } }) => e.source.id)),
    );
    const sources = lines.filter((line) => line.recordType === "sources").map((line) => line.id);
    expect(sources).toEqual([...quoted].sort());
    expect(sources.length).toBeGreaterThan(0);
    const csv = parse((await api.get("/v1/export?format=csv&type=sources&actor=russia").expect(200)).text, {
      columns: true,
    }) as { id: string }[];
    expect(csv.map((row) => row.id)).toEqual(sources);
    await api
      .get("/v1/export?format=csv")
      .expect(400)
      .expect("content-type", /problem\+json/);
    await api.get("/v1/export?actor=nobody").expect(404);
    await api.get("/v1/export?format=xlsx").expect(400);
  });
});

describeEachDatabase("exports while writes commit", (provider) => {
  const api = useTestApp(provider, { revisionPollMs: 0 });

  it("streams every record from one snapshot: a write committed mid-export does not reach it", async () => {
    const app = api.app();
    const edited = loadSeedDocument(
      editedSeed({
        "claims.json": (claims: { id: string; text: string }[]) =>
          claims.map((c) => (c.id === "reason-lack-of-progress" ? { ...c, text: "Edited mid-export." } : c)),
      }),
    );
    // The write commits once the export has run its first two statements.
    const snapshot = app.db.snapshot.bind(app.db);
    let statements = 0;
    app.db.snapshot = async () => {
      const taken = await snapshot();
      const queryRows = taken.db.queryRows.bind(taken.db);
      taken.db.queryRows = async <Row>(sql: string, params: unknown[]) => {
        const rows = await queryRows<Row>(sql, params);
        if (++statements === 2) await app.writeKnowledge([edited], {});
        return rows;
      };
      return taken;
    };
    const during = await api.get("/v1/export?type=claims").expect(200);
    app.db.snapshot = snapshot;
    expect(statements).toBeGreaterThan(2);
    expect(during.headers["x-kb-revision"]).toBe("1");
    const claim = during.text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line))
      .find((line) => line.id === "reason-lack-of-progress");
    expect(claim.text).not.toBe("Edited mid-export.");

    const after = await api.get("/v1/export?type=claims").expect(200);
    expect(after.headers["x-kb-revision"]).toBe("2");
    expect(after.text).toContain("Edited mid-export.");
  });

  it("releases each export's snapshot: more exports than may stream at once, one after another, all succeed", async () => {
    for (let i = 0; i < 6; i++) await api.get("/v1/export?type=sources").expect(200);
    await api.get("/v1/export?actor=nobody-at-all").expect(404);
    for (let i = 0; i < 6; i++) await api.get("/v1/export?type=sources").expect(200);
  });
});
