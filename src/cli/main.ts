#!/usr/bin/env node
/**
 * Composition root of the `coupa-extractor` command. Each command lives in
 * its own file under `commands/` and registers itself on the program.
 *
 * Only the invoked command's module is loaded (all of them for help or an
 * unknown word): the service, simulator and agent pull in large libraries
 * that `extract` never needs, and start-up time is paid on every run.
 */
import { Command } from "commander";

type Register = (program: Command) => void;

const commands: Record<string, () => Promise<Register>> = {
  extract: async () => (await import("./commands/extract.js")).registerExtract,
  export: async () => (await import("./commands/export.js")).registerExport,
  connection: async () =>
    (await import("./commands/connection.js")).registerConnection,
  allowlist: async () =>
    (await import("./commands/allowlist.js")).registerAllowlist,
  simulate: async () =>
    (await import("./commands/simulate.js")).registerSimulate,
  demo: async () => (await import("./commands/demo.js")).registerDemo,
  serve: async () => (await import("./commands/serve.js")).registerServe,
  token: async () => (await import("./commands/token.js")).registerToken,
  agent: async () => (await import("./commands/agent.js")).registerAgent,
};

const program = new Command("coupa-extractor")
  .description(
    "Extract Coupa data into an analytics data pool (DuckDB): full and " +
      "delta loads, nested line items as child tables.",
  )
  .showHelpAfterError();

const invoked = process.argv[2] ?? "";
const loaders = Object.hasOwn(commands, invoked)
  ? [commands[invoked] as () => Promise<Register>]
  : Object.values(commands);
for (const load of loaders) {
  (await load())(program);
}

await program.parseAsync(process.argv);
