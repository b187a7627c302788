import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

/** Where screenshots go; git-ignored with the rest of test-artifacts/. */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL("../../../test-artifacts/screenshots/", import.meta.url),
);

/** Saves a full-page screenshot as `<name>.png` for people to look at. */
export async function saveScreenshot(page: Page, name: string) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
  });
}
