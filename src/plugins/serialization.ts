// Request validation by zod, response serialization by fast-json-stringify
// compiled from the same zod schemas: one definition per type, and no zod parse
// on the way out of every response. Each schema is compiled once, however many
// routes and status codes share it (every route documents Problem five times),
// and only when a response first needs it: compiling all of them (the whole
// export document among them) cost start-up time and memory for routes a
// process may never serve.
import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify/types/schema.js";
import { z } from "zod";

type Serialize = (data: unknown) => string;

const compiled = new WeakMap<z.ZodType, Serialize>();

const compile = (schema: z.ZodType): Serialize =>
  fastJson(z.toJSONSchema(schema, { target: "draft-7", io: "output", unrepresentable: "any" }) as fastJson.AnySchema);

export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  let serialize = compiled.get(schema);
  if (!serialize) {
    let serializer: Serialize | undefined;
    serialize = (data) => {
      serializer ??= compile(schema);
      return serializer(data);
    };
    compiled.set(schema, serialize);
  }
  return serialize;
};
