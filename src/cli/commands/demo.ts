import type { Command } from "commander";

/** Registers the `demo` command (being built). */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("(not available yet)")
    .action(() => {
      console.error("coupa-extractor demo: not available in this build yet.");
      process.exitCode = 2;
    });
}
