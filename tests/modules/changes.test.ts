// GET /v1/changes: what each write created, updated and deleted, so a client
// can mirror the knowledge base by replaying changes since its last sync.
import { expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.js";
import { loadSeedDocument } from "../../src/content/seed-directory.js";
import { useTestApp, walk } from "../helpers/api.js";
import { bundleFixture } from "../helpers/fixtures.js";
import { editedSeed } from "../helpers/seed-copy.js";
import { describeEachDatabase } from "../helpers/test-database.js";

interface Change {
  revision: number;
  type: string;
  id: string;
  change: "created" | "updated" | "deleted";
}

/** The seed without one claim (and the implication's link to it). */
const seedWithoutClaim = (claimId: string) =>
  editedSeed({
    "claims.json": (claims: { id: string }[]) => claims.filter((c) => c.id !== claimId),
    "implications.json": (implications: { claims: string[] }[]) =>
      implications.map((m) => ({ ...m, claims: m.claims.filter((c) => c !== claimId) })),
  });

describeEachDatabase("change feed", (provider) => {
  const api = useTestApp(provider);

  /** Every change since `since`, following the pages. */
  async function changesSince(since: number, limit = 30): Promise<{ revision: number; changes: Change[] }> {
    const url = `/v1/changes?since=${since}&limit=${limit}`;
    const changes = (await walk(api.get, url)) as unknown as Change[];
    const { revision } = (await api.get(url).expect(200)).body;
    return { revision, changes };
  }

  it("starts with every seeded record, created at revision 1", async () => {
    const { revision, changes } = await changesSince(0);
    expect(revision).toBe(1);
    expect(changes).toHaveLength(7 + 19 + 16 + 46 + 16 + 9 + 28);
    expect(new Set(changes.map((c) => `${c.revision} ${c.change}`))).toEqual(new Set(["1 created"]));
    expect(changes.filter((c) => c.type === "claims")).toHaveLength(46);
    expect((await changesSince(1)).changes).toEqual([]);
  });

  it("lists what an import created and updated, after the revision a client last saw", async () => {
    const app = api.app();
    const { token } = await createApiKey(app.db.prisma, "importer", ["write"]);
    const bundle = bundleFixture();
    const imported = await app.inject({
      method: "POST",
      url: "/v1/imports",
      headers: { authorization: `Bearer ${token}` },
      payload: bundle,
    });
    expect(imported.json().revision).toBe(2);
    const { revision, changes } = await changesSince(1);
    expect(revision).toBe(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ revision: 2, type: "sources", id: "eu-sanctions-note-2026", change: "created" }),
        expect.objectContaining({
          revision: 2,
          type: "claims",
          id: "statement-ukraine-welcomes-eu-sanctions",
          change: "created",
        }),
        expect.objectContaining({
          revision: 2,
          type: "claims",
          id: "statement-moscow-calls-sanctions-hostile",
          change: "created",
        }),
      ]),
    );
    expect(changes.every((c) => c.revision === 2)).toBe(true);
  });

  it("lists a deletion, and the records whose links it changed as updated", async () => {
    const app = api.app();
    await app.writeKnowledge([loadSeedDocument(seedWithoutClaim("assessment-europe-capacity-limited"))], {});
    const { revision, changes } = await changesSince(2);
    expect(revision).toBe(3);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "claims", id: "assessment-europe-capacity-limited", change: "deleted" }),
        expect.objectContaining({ type: "implications", id: "europe-increased-responsibility", change: "updated" }),
      ]),
    );
    await api.get("/v1/claims/assessment-europe-capacity-limited").expect(404);
  });

  it("replays into a mirror of exactly the records the knowledge base holds", async () => {
    const mirror = new Set<string>();
    for (const c of (await changesSince(0, 100)).changes) {
      if (c.change === "deleted") mirror.delete(`${c.type}/${c.id}`);
      else mirror.add(`${c.type}/${c.id}`);
    }
    const lines = (await api.get("/v1/export").expect(200)).text.trimEnd().split("\n");
    const held = new Set(lines.map((line) => JSON.parse(line)).map((r) => `${r.recordType}/${r.id}`));
    expect(mirror).toEqual(held);
  });

  it("refuses a negative revision and a forged cursor", async () => {
    await api
      .get("/v1/changes?since=-1")
      .expect(400)
      .expect("content-type", /problem\+json/);
    await api.get("/v1/changes?cursor=abc").expect(400);
  });
});
