import type { Command } from "commander";

/** Registers the `serve` command (being built). */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("(not available yet)")
    .action(() => {
      console.error("coupa-extractor serve: not available in this build yet.");
      process.exitCode = 2;
    });
}
