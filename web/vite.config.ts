/**
 * Builds the web UI into `web/dist`, which the server serves at `/`.
 * `npm run build:web` type-checks first (`tsc -p web`), then runs this.
 * In development (`vite --config web/vite.config.ts`), `/api` is proxied to
 * the server at `COUPA_EXTRACTOR_API` (default http://127.0.0.1:8080).
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": process.env.COUPA_EXTRACTOR_API ?? "http://127.0.0.1:8080",
    },
  },
});
