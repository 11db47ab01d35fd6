// Authentication for writes: `Authorization: Bearer <key>`, checked against the
// stored key hashes. Reads stay public; a route opts in with
// `onRequest: app.requireScope("write")`, which runs before the body is read,
// so a request without a valid key costs no parsing or validation.
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import fp from "fastify-plugin";
import { type ApiKeyIdentity, grants, type Scope, verifyApiKey } from "../auth/api-keys.js";
import { hasCredentialInUrl } from "../auth/credentials-in-url.js";
import { ForbiddenError, InvalidParameterError, UnauthorizedError } from "../http/problem.js";

declare module "fastify" {
  interface FastifyInstance {
    requireScope(scope: Scope): onRequestAsyncHookHandler;
  }
  interface FastifyRequest {
    apiKey?: ApiKeyIdentity;
  }
}

export default fp(
  async (app: FastifyInstance) => {
    // On every route, read or write: a key in the URL has already leaked, and must not work.
    app.addHook("onRequest", async (request) => {
      if (!hasCredentialInUrl(request.url)) return;
      throw new InvalidParameterError({
        in: "query",
        name: "api_key",
        reason: "credentials are not accepted in the URL: send the key in the Authorization header",
      });
    });

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
      (scope: Scope): onRequestAsyncHookHandler =>
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
