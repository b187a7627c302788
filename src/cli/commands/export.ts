import type { Command } from "commander";

/** Registers the `export` command (being built). */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("(not available yet)")
    .action(() => {
      console.error("coupa-extractor export: not available in this build yet.");
      process.exitCode = 2;
    });
}
