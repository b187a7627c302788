import type { Command } from "commander";

/** Registers the `agent` command (being built). */
export function registerAgent(program: Command): void {
  program
    .command("agent")
    .description("(not available yet)")
    .action(() => {
      console.error("coupa-extractor agent: not available in this build yet.");
      process.exitCode = 2;
    });
}
