// Request validation by zod, response serialization by fast-json-stringify
// compiled from the same zod schemas: one definition per type, and no zod parse
// on the way out of every response. Each schema is compiled once, however many
// routes and status codes share it (every route documents Problem five times).
import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify/types/schema.js";
import { z } from "zod";

const compiled = new WeakMap<z.ZodType, (data: unknown) => string>();

export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  let serialize = compiled.get(schema);
  if (!serialize) {
    serialize = fastJson(
      z.toJSONSchema(schema, { target: "draft-7", io: "output", unrepresentable: "any" }) as fastJson.AnySchema,
    );
    compiled.set(schema, serialize);
  }
  return serialize;
};
