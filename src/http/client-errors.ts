// Errors Node raises before Fastify sees a request (a client too slow to send
// it, headers too large, bytes that are not HTTP) are answered on the raw
// socket, still as problem+json, then the connection is closed.
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";

const statusFor: Record<string, { status: number; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: "The request was not received in time." },
  HPE_HEADER_OVERFLOW: { status: 431, detail: "The request's headers are too large." },
};

export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const { status, detail } = statusFor[error.code ?? ""] ?? { status: 400, detail: "The request is not valid HTTP." };
  this.log.debug({ err: error }, "client error");
  if (socket.writable) {
    const body = JSON.stringify({ type: "about:blank", title: STATUS_CODES[status], status, detail });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
