// The pino options every process logs with: JSON lines at the configured level,
// with credentials redacted, whatever a log line happens to include. A person
// developing at a terminal gets the same lines pretty-printed instead.
import type { FastifyServerOptions } from "fastify";

export const redactedPaths = ["req.headers.authorization", "headers.authorization", "authorization", "token"];

export function loggerOptions(
  level: string,
  options: { stream?: NodeJS.WritableStream; pretty?: boolean } = {},
): FastifyServerOptions["logger"] {
  const redact = { paths: redactedPaths, censor: "[redacted]" };
  if (options.stream) return { level, redact, stream: options.stream };
  if (options.pretty)
    return { level, redact, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l" } } };
  return { level, redact };
}

/** Pretty logs only where a person reads them: development, at a terminal. */
export const wantsPrettyLogs = (nodeEnv: string) => nodeEnv === "development" && process.stdout.isTTY === true;
