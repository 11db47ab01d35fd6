// Debian's Chromium for the browser suites: whether it is here (CI must have
// it; elsewhere the suite is skipped and says so), how it is launched, and
// what a page logs that a test should fail on.
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

const chromiumPath = "/usr/bin/chromium";

/** Whether Chromium is installed; throws in CI without it, and warns that `suite` is skipped elsewhere. */
export function chromiumAvailable(suite: string): boolean {
  const available = existsSync(chromiumPath);
  if (!available && process.env.CI) throw new Error(`CI needs Chromium at ${chromiumPath} (Debian package chromium)`);
  if (!available) console.warn(`\n  ${suite} SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium).\n`);
  return available;
}

/** Headless, with nothing reaching outside the machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Console errors and warnings (a blocked style or resource is one), and uncaught errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  return problems;
}
