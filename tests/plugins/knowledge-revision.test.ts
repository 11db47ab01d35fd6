// The in-memory revision only ever moves forward (issue 15): a read of the
// stored revision that resolves after a newer write must not take the cache
// and the ETags back to before it.
import request from "supertest";
import { expect, it } from "vitest";
import { useTestApp } from "../helpers/api.js";
import { describeEachDatabase } from "../helpers/test-database.js";

describeEachDatabase("knowledge revision", (provider) => {
  const api = useTestApp(provider, { revisionPollMs: 0 });

  it("keeps a revision this process wrote when a slower read of the stored one resolves after it", async () => {
    const app = api.app();
    const stored = await app.revision.refresh();
    const before = await api.get("/v1/actors/russia").expect(200);
    // A write's revision arrives while a check that read the older one is still on its way.
    const check = app.revision.refresh();
    app.revision.set(stored + 1);
    expect(await check).toBe(stored + 1);
    expect(app.revision.current()).toBe(stored + 1);
    app.revision.set(stored);
    expect(app.revision.current()).toBe(stored + 1);
    // An ETag from before the write is no longer current.
    await request(app.server).get("/v1/actors/russia").set("if-none-match", String(before.headers.etag)).expect(200);
  });
});
