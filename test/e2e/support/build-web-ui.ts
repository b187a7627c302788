/**
 * Vitest global setup of the browser tests: builds the web UI with
 * `npm run build:web` unless `web/dist` is newer than every source file,
 * so the tests never exercise a stale bundle.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const web = path.join(repo, "web");
const builtIndex = path.join(web, "dist", "index.html");

/** Builds the UI when needed; Vitest calls it once before the tests. */
export function setup(): void {
  if (builtAt() > newestSourceAt()) return;
  // Vitest sets NODE_ENV=test, which would bundle React's development
  // build; the tests must see what users get.
  execFileSync("npm", ["run", "--silent", "build:web"], {
    cwd: repo,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

function builtAt(): number {
  try {
    return statSync(builtIndex).mtimeMs;
  } catch {
    return 0;
  }
}

function newestSourceAt(): number {
  const files = [
    path.join(web, "index.html"),
    path.join(web, "vite.config.ts"),
    path.join(web, "tsconfig.json"),
    ...walk(path.join(web, "src")),
  ];
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}
