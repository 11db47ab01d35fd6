// The ceiling: a bare Fastify app answering /0, /1, ... with static JSON bodies
// (the files listed in BODY_FILES), as fast as Fastify can send bytes.
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const bodies = (process.env.BODY_FILES ?? "").split(",").map((file) => readFileSync(file, "utf8"));
const app = Fastify();
bodies.forEach((body, index) => {
  app.get(`/${index}`, (_request, reply) => reply.type("application/json").send(body));
});
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT) });
