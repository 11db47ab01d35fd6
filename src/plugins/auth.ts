// Authentication for writes: `Authorization: Bearer <key>`, checked against the
// stored key hashes. Reads stay public; a route opts in with
// `preHandler: app.requireScope("write")`.
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import fp from "fastify-plugin";
import { type ApiKeyIdentity, grants, type Scope, verifyApiKey } from "../auth/api-keys.js";
import { ForbiddenError, UnauthorizedError } from "../http/problem.js";

declare module "fastify" {
  interface FastifyInstance {
    requireScope(scope: Scope): preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    apiKey?: ApiKeyIdentity;
  }
}

export default fp(
  async (app: FastifyInstance) => {
    const authenticate = async (request: FastifyRequest) => {
      const [scheme, token] = (request.headers.authorization ?? "").split(" ");
      if (scheme?.toLowerCase() !== "bearer" || !token) {
        throw new UnauthorizedError("This operation needs an API key: send `Authorization: Bearer <key>`.");
      }
      const key = await verifyApiKey(app.db.prisma, token);
      if (!key) throw new UnauthorizedError("The API key is not valid (unknown, malformed or revoked).");
      return key;
    };

    app.decorate(
      "requireScope",
      (scope: Scope): preHandlerAsyncHookHandler =>
        async (request, reply) => {
          const key = await authenticate(request);
          request.apiKey = key;
          await app.limitApiKey(request, reply);
          if (!grants(key, scope)) throw new ForbiddenError(`The API key "${key.name}" lacks the "${scope}" scope.`);
        },
    );
  },
  { name: "auth", dependencies: ["database", "rate-limit"] },
);
