// Security headers on every response (@fastify/helmet). The API serves JSON to
// any origin, so nothing it sends may run scripts, load resources or be framed;
// the interactive docs at /docs set their own, wider policy.
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

export default fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      // Public data, read cross-origin by design (CORS is open for reads).
      crossOriginResourcePolicy: { policy: "cross-origin" },
    });
  },
  { name: "security-headers" },
);
