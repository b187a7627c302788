import type { Command } from "commander";

/** Registers the `allowlist` command (being built). */
export function registerAllowlist(program: Command): void {
  program
    .command("allowlist")
    .description("(not available yet)")
    .action(() => {
      console.error(
        "coupa-extractor allowlist: not available in this build yet.",
      );
      process.exitCode = 2;
    });
}
