// Cursors leave the API signed and come back verified: a list page's
// `nextCursor` carries an HMAC of the cursor the service issued, and a
// `cursor` parameter whose MAC does not match is a 400 before any service
// sees it. The services keep issuing and reading plain cursors (the export
// pages through them internally); only the HTTP boundary signs them.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { InvalidParameterError } from "../http/problem.js";

export interface SignedCursorOptions {
  /**
   * The HMAC key. Instances behind one load balancer must share it; by default
   * it is derived from the database URL, which they share.
   */
  secret: string;
}

/** 128 bits of HMAC-SHA256, base64url. */
const macLength = 22;

export default fp<SignedCursorOptions>(
  async (app: FastifyInstance, options) => {
    const key = createHash("sha256").update(`kb-cursor\u0000${options.secret}`).digest();
    const macOf = (cursor: string) => createHmac("sha256", key).update(cursor).digest("base64url").slice(0, macLength);
    const sign = (cursor: string) => `${cursor}.${macOf(cursor)}`;
    const verify = (signed: string): string => {
      const dot = signed.lastIndexOf(".");
      const cursor = signed.slice(0, Math.max(dot, 0));
      const mac = Buffer.from(signed.slice(dot + 1));
      const expected = Buffer.from(macOf(cursor));
      if (dot === -1 || mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
        throw new InvalidParameterError({ in: "query", name: "cursor", reason: "is not a cursor issued by this list" });
      }
      return cursor;
    };

    app.addHook("preValidation", async (request) => {
      const query = request.query as Record<string, unknown> | undefined;
      // A repeated `cursor` is an array: the schema refuses it.
      if (query && typeof query.cursor === "string") query.cursor = verify(query.cursor);
    });
    app.addHook("preSerialization", async (_request, _reply, payload: unknown) => {
      const page = (payload as { page?: { nextCursor?: unknown } } | null)?.page;
      if (typeof page?.nextCursor !== "string") return payload;
      return { ...(payload as object), page: { ...page, nextCursor: sign(page.nextCursor) } };
    });
  },
  { name: "signed-cursors" },
);
