// Decorates the app with `baseUrlOf(request)`: the address its absolute URLs
// are built on (http/base-url.ts says where it comes from).
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type BaseUrlOptions, createBaseUrl } from "../http/base-url.js";

declare module "fastify" {
  interface FastifyInstance {
    baseUrlOf(request: FastifyRequest): string;
  }
}

export default fp<BaseUrlOptions>(
  async (app: FastifyInstance, options) => {
    app.decorate("baseUrlOf", createBaseUrl(options));
  },
  { name: "public-url" },
);
