// The address absolute URLs in cards, oEmbed and JSON-LD are built on: the
// configured public URL; without one, behind a trusted proxy, the host it
// forwards (checked to be a host name), and otherwise the server's own address
// and port that the request came in on. No Host header a client sends directly
// can change a response, cached or not.
import type { FastifyRequest } from "fastify";
import { InvalidParameterError } from "./problem.js";

export interface BaseUrlOptions {
  /** Where clients reach the service (PUBLIC_URL). */
  publicUrl?: string | undefined;
  trustProxy: boolean | string[];
}

/** A host name or address with an optional port: nothing that could break out of a URL or markup. */
const hostPattern =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

export function createBaseUrl(options: BaseUrlOptions): (request: FastifyRequest) => string {
  if (options.publicUrl) {
    const fixed = options.publicUrl.replace(/\/+$/, "");
    return () => fixed;
  }
  if (options.trustProxy === false) return (request) => localUrl(request);
  return (request) => {
    if (!hostPattern.test(request.host)) {
      throw new InvalidParameterError({ in: "header", name: "host", reason: "is not a host name or address" });
    }
    return `${request.protocol === "https" ? "https" : "http"}://${request.host}`;
  };
}

/** The server's own address the request reached (one of the server's, never a name the client chose). */
function localUrl(request: FastifyRequest): string {
  const { localAddress = "127.0.0.1", localPort } = request.socket;
  const address = localAddress.startsWith("::ffff:") ? localAddress.slice(7) : localAddress;
  // A request injected without a socket (app.inject) has no port.
  return `http://${address.includes(":") ? `[${address}]` : address}${localPort ? `:${localPort}` : ""}`;
}
