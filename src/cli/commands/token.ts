import type { Command } from "commander";

/** Registers the `token` command (being built). */
export function registerToken(program: Command): void {
  program
    .command("token")
    .description("(not available yet)")
    .action(() => {
      console.error("coupa-extractor token: not available in this build yet.");
      process.exitCode = 2;
    });
}
