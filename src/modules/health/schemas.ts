// Liveness and readiness probe responses.
import { z } from "zod";
import { int32 } from "../../http/int32.js";

export const Liveness = z
  .object({ status: z.literal("ok") })
  .meta({ id: "Liveness", description: "The process is up.", examples: [{ status: "ok" }] });

export const Readiness = z
  .object({
    status: z.literal("ready"),
    database: z.enum(["sqlite", "postgresql"]),
    revision: int32().describe("The knowledge base's revision, bumped by every write."),
  })
  .meta({
    id: "Readiness",
    description: "The database is reachable and fully migrated.",
    examples: [{ status: "ready", database: "sqlite", revision: 1 }],
  });
