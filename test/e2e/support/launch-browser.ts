import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium, installed by `apt-get install chromium`. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** A headless Chromium with its own profile, and how to get rid of it. */
export interface LaunchedBrowser {
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile folder. */
  close(): Promise<void>;
}

/**
 * Starts Chromium headless with a fresh profile and no background traffic
 * (sync, updates, QUIC), so a test sees only the requests it causes.
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "cx-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
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
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
