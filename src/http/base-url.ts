// The address a client reached this server at (behind a trusted proxy, the one
// it used): what absolute URLs in cards, oEmbed and JSON-LD are built on.
import type { FastifyRequest } from "fastify";

export const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
