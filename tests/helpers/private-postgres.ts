// A PostgreSQL cluster of the test's own, which it may stop and start without
// disturbing the shared server the other suites use. Made with Debian's
// postgresql-common tools (pg_createcluster), which need root.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";

export interface PrivatePostgres {
  url: string;
  stop(): void;
  start(): void;
  drop(): void;
}

/** Why a private cluster cannot be made here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return "creating a PostgreSQL cluster needs root";
  if (!existsSync("/usr/bin/pg_createcluster") || !existsSync("/etc/postgresql")) {
    return "pg_createcluster (Debian's postgresql-common) is not installed";
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const version = readdirSync("/etc/postgresql").sort().at(-1) ?? "15";
  const name = `kbtest${process.pid}`;
  const port = await freePort();
  const ctl = (action: string, ...args: string[]) =>
    execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, name, action, ...args], { stdio: "ignore" });
  execFileSync("pg_createcluster", [version, name, "-p", String(port), "--", "--auth=trust"], { stdio: "ignore" });
  ctl("start");
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => ctl("stop", "-m", "fast"),
    start: () => ctl("start"),
    drop: () => execFileSync("pg_dropcluster", [version, name, "--stop"], { stdio: "ignore" }),
  };
}
