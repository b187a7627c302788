import { defineConfig } from "vitest/config";

/**
 * Browser tests of the web UI (`npm run test:e2e`): Playwright drives
 * Debian's Chromium against the real server and the Coupa simulator. The
 * global setup builds `web/dist` first when it is missing or stale.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/support/build-web-ui.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
