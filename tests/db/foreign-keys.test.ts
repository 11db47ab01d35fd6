// The schema's foreign keys hold on Prisma's connection, on both databases:
// SQLite enforces them only on a connection that turns them on (database.ts
// does, whatever the driver was built with).
import { expect, it } from "vitest";
import { describeEachDatabase, useSeededDatabase } from "../helpers/test-database.js";

describeEachDatabase("foreign keys", (provider) => {
  const db = useSeededDatabase(provider);

  it("refuses a link to a record that does not exist, and cascades a deletion to the links", async () => {
    await expect(
      db().prisma.claimActor.create({ data: { claimId: "reason-lack-of-progress", actorId: "nobody" } }),
    ).rejects.toThrow(/foreign key/i);
    const links = await db().prisma.claimActor.count({ where: { claimId: "reason-lack-of-progress" } });
    expect(links).toBeGreaterThan(0);
    await db().prisma.claim.delete({ where: { id: "reason-lack-of-progress" } });
    expect(await db().prisma.claimActor.count({ where: { claimId: "reason-lack-of-progress" } })).toBe(0);
  });
});
