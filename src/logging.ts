// The pino options every process logs with: JSON lines at the configured level,
// with credentials redacted, whatever a log line happens to include.
import type { FastifyServerOptions } from "fastify";

export const redactedPaths = ["req.headers.authorization", "headers.authorization", "authorization", "token"];

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  return { level, redact: { paths: redactedPaths, censor: "[redacted]" }, ...(stream ? { stream } : {}) };
}
