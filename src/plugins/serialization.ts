// Request validation by zod, response serialization by fast-json-stringify
// compiled from the same zod schemas: one definition per type, and no zod parse
// on the way out of every response.
import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify/types/schema.js";
import { z } from "zod";

export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) =>
  fastJson(z.toJSONSchema(schema, { target: "draft-7", io: "output", unrepresentable: "any" }) as fastJson.AnySchema);
