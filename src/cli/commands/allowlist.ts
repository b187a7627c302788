import type { Command } from "commander";
import { loadClusters } from "../../connection/clusters.js";
import { loadConnection } from "../../connection/load-connection.js";

interface AllowlistOptions {
  readonly config: string;
  readonly json?: boolean;
}

/** What a network team needs to allowlist for one connection. */
export interface AllowlistReport {
  readonly host: string;
  readonly cluster: string | null;
  /** The cluster's egress addresses; empty without a cluster. */
  readonly egressAddresses: readonly string[];
  /** The address outgoing connections bind to, if configured. */
  readonly sourceAddress: string | null;
}

/**
 * Registers `coupa-extractor allowlist --config <file> [--json]`: the
 * egress addresses of the configured cluster and the bound source
 * address, for the customer's Coupa or firewall allowlist. Exit 2 when
 * the config is bad.
 */
export function registerAllowlist(program: Command): void {
  program
    .command("allowlist")
    .description(
      "Print the addresses the Coupa instance or a firewall must allow " +
        "for this connection",
    )
    .requiredOption("--config <file>", "config file (YAML or JSON)")
    .option("--json", "print the addresses as JSON")
    .action(async (options: AllowlistOptions) => {
      process.exitCode = await runAllowlist(options);
    });
}

async function runAllowlist(options: AllowlistOptions): Promise<number> {
  let report: AllowlistReport;
  try {
    const clusters = loadClusters();
    const { connection } = await loadConnection(options.config, { clusters });
    const cluster = connection.cluster ?? null;
    report = {
      host: connection.host,
      cluster,
      egressAddresses: cluster ? (clusters[cluster] ?? []) : [],
      sourceAddress: connection.sourceAddress ?? null,
    };
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  console.log(
    options.json ? JSON.stringify(report, null, 2) : formatAllowlist(report),
  );
  return 0;
}

/** The report as lines a person can paste into a ticket. */
export function formatAllowlist(report: AllowlistReport): string {
  const lines = [`Coupa instance: ${report.host}`];
  if (report.cluster) {
    lines.push(`Egress addresses of cluster ${report.cluster}:`);
    for (const address of report.egressAddresses) lines.push(`  ${address}`);
  } else {
    lines.push(
      "No cluster configured: set cluster to list its egress addresses.",
    );
  }
  lines.push(
    report.sourceAddress
      ? `Requests leave from the bound source address ${report.sourceAddress}.`
      : "No sourceAddress bound: requests leave from this machine's default address.",
  );
  return lines.join("\n");
}
