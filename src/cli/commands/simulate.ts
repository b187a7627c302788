import type { Command } from "commander";

/** Registers the `simulate` command (being built). */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("(not available yet)")
    .action(() => {
      console.error(
        "coupa-extractor simulate: not available in this build yet.",
      );
      process.exitCode = 2;
    });
}
