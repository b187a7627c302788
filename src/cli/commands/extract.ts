import type { Command } from "commander";

/** Registers the `extract` command (being built). */
export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("(not available yet)")
    .action(() => {
      console.error(
        "coupa-extractor extract: not available in this build yet.",
      );
      process.exitCode = 2;
    });
}
