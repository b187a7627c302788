#!/usr/bin/env node
/**
 * Composition root of the `coupa-extractor` command. Each command lives in
 * its own file under `commands/` and registers itself on the program.
 */
import { Command } from "commander";
import { registerAgent } from "./commands/agent.js";
import { registerAllowlist } from "./commands/allowlist.js";
import { registerConnection } from "./commands/connection.js";
import { registerDemo } from "./commands/demo.js";
import { registerExport } from "./commands/export.js";
import { registerExtract } from "./commands/extract.js";
import { registerServe } from "./commands/serve.js";
import { registerSimulate } from "./commands/simulate.js";
import { registerToken } from "./commands/token.js";

const program = new Command("coupa-extractor")
  .description(
    "Extract Coupa data into an analytics data pool (DuckDB): full and " +
      "delta loads, nested line items as child tables.",
  )
  .showHelpAfterError();

for (const register of [
  registerExtract,
  registerExport,
  registerConnection,
  registerAllowlist,
  registerSimulate,
  registerDemo,
  registerServe,
  registerToken,
  registerAgent,
]) {
  register(program);
}

await program.parseAsync(process.argv);
