import type { Command } from "commander";

/** Registers the `connection` command (being built). */
export function registerConnection(program: Command): void {
  program
    .command("connection")
    .description("(not available yet)")
    .action(() => {
      console.error(
        "coupa-extractor connection: not available in this build yet.",
      );
      process.exitCode = 2;
    });
}
