// Starting and measuring the servers under test: each runs in its own process,
// so its start-up time and peak memory are its own.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Milliseconds from spawn until `readyPath` answered 200. */
  startupMs: number;
  /** Peak resident set size so far, in MB (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

// Below Linux's ephemeral range (32768-60999): a port in it can be held by one
// of the many client sockets a benchmark opens, and the server then fails to listen.
let nextPort = 20_000 + Math.floor(Math.random() * 10_000);

/** Starts `command(port)` and waits until `readyPath` answers 200. */
export async function startServer(
  command: (port: number) => string[],
  options: { env?: Record<string, string>; readyPath: string },
): Promise<RunningServer> {
  const port = nextPort++;
  const started = performance.now();
  const [executable = "", ...args] = command(port);
  const child = spawn(executable, args, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      // The rate limiter runs, so its cost is measured, but never refuses the load generator.
      RATE_LIMIT_PER_ADDRESS: "1000000000",
      RATE_LIMIT_PER_KEY: "1000000000",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${executable} ${args.join(" ")} exited: ${stderr}`);
    const ok = await fetch(`${url}${options.readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    process: child,
    startupMs: performance.now() - started,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The API server itself, as `npm start` runs it after building (the measured process is the server). */
export const apiCommand = () => [
  process.execPath,
  "--enable-source-maps",
  "--max-semi-space-size=4",
  "--optimize-for-size",
  "--wasm-lazy-compilation",
  "dist/server.js",
];

/** Latencies of sequential requests over one keep-alive connection, in ms with µs precision. */
export async function sequentialLatency(url: string, seconds: number) {
  const samples: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1_000;
  while (performance.now() < end) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    if (!response.ok) errors += 1;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), count: samples.length, errors };
}
