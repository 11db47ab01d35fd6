// The ceiling: a bare Fastify app answering /0, /1, ... with static JSON bodies
// (the files listed in BODY_FILES), as fast as Fastify can send bytes; and
// /0/with-headers, ... with the same bodies and the extra response headers in
// the files listed in HEADER_FILES (what the API sends besides its body).
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const files = (variable: string) => (process.env[variable] ?? "").split(",").filter(Boolean);
const bodies = files("BODY_FILES").map((file) => readFileSync(file, "utf8"));
const headers = files("HEADER_FILES").map((file) => JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
const app = Fastify();
bodies.forEach((body, index) => {
  app.get(`/${index}`, (_request, reply) => reply.type("application/json").send(body));
  const extra = headers[index];
  if (extra)
    app.get(`/${index}/with-headers`, (_request, reply) => reply.headers(extra).type("application/json").send(body));
});
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT) });
