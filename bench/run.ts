/**
 * `npm run bench`: every benchmark of the product, side by side in one run,
 * with the figures and the machine written to `bench/RESULTS.md`.
 *
 * `npm run bench -- simulator client` runs only the named parts
 * (simulator, client, extract, uplink).
 */
import { writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { runClientBench } from "./client-bench.js";
import { runExtractBench } from "./extract-bench.js";
import { runSimulatorBench } from "./simulator-bench.js";
import { runUplinkBench } from "./uplink-bench.js";

const parts: Record<string, () => Promise<unknown>> = {
  simulator: () => runSimulatorBench(),
  client: () => runClientBench(),
  extract: () => runExtractBench(),
  uplink: () => runUplinkBench(),
};

function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${cpus().length} × ${cpu}, ${memory} GiB, Node ${process.version}`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => a in parts);
  const names = wanted.length > 0 ? wanted : Object.keys(parts);
  const results: Record<string, unknown> = {};
  for (const name of names) {
    const started = Date.now();
    console.log(`bench ${name}: running…`);
    results[name] = await parts[name]?.();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`bench ${name} (${seconds} s):`);
    console.log(JSON.stringify(results[name], null, 2));
  }
  const out = fileURLToPath(new URL("./RESULTS.md", import.meta.url));
  const body = [
    "# Benchmark results",
    "",
    `Measured ${new Date().toISOString()} on ${machine()}.`,
    "",
    "Written by `npm run bench`; figures in JSON as each benchmark returns",
    "them. See the README's Performance section for what they mean.",
    "",
    ...names.flatMap((name) => [
      `## ${name}`,
      "",
      "```json",
      JSON.stringify(results[name], null, 2),
      "```",
      "",
    ]),
  ].join("\n");
  if (wanted.length === 0) await writeFile(out, body);
  else console.log(body);
}

await main();
process.exit(0);
