import { readFile } from "node:fs/promises";
import { type Command, InvalidArgumentError } from "commander";
import pino from "pino";
import { agentServerUrl } from "../../agent/agent-server-url.js";
import { HostAllowlist } from "../../agent/host-allowlist.js";
import { proxyFor } from "../../agent/proxy-for.js";
import { runAgent } from "../../agent/run-agent.js";
import { DirectTransport } from "../../coupa/direct-transport.js";

interface AgentCommandOptions {
  server: string;
  token?: string;
  allowHost: string[];
  allowlistFile?: string;
  sourceAddress?: string;
  maxConcurrent: number;
  logLevel: string;
}

/**
 * Registers `coupa-extractor agent`: the Uplinked agent, run inside the
 * customer's network, that performs a connection's Coupa requests for
 * the service. Exit codes: 0 stopped by a signal, 1 rejected by the
 * service (bad or revoked token), 2 bad options.
 */
export function registerAgent(program: Command): void {
  program
    .command("agent")
    .description(
      "Run the Uplinked agent inside your network: it connects out to the " +
        "service and performs the Coupa requests of Uplinked connections, " +
        "only to the hosts you allow.",
    )
    .requiredOption(
      "--server <url>",
      "address of the service, e.g. https://extractor.example.com",
    )
    .option(
      "--token <token>",
      "agent token created in the service " +
        "(or env COUPA_EXTRACTOR_AGENT_TOKEN, kept out of the process list)",
    )
    .option(
      "--allow-host <host>",
      "host the agent may call (repeatable): acme.coupahost.com, " +
        "*.coupahost.com or https://acme.coupahost.com",
      collect,
      [],
    )
    .option("--allowlist-file <path>", "file with one allowed host per line")
    .option(
      "--source-address <ip>",
      "local address outgoing Coupa requests bind to",
    )
    .option(
      "--max-concurrent <n>",
      "most Coupa requests performed at once",
      positiveInteger,
      16,
    )
    .option("--log-level <level>", "pino log level", "info")
    .addHelpText(
      "after",
      "\nHTTPS_PROXY/https_proxy (with NO_PROXY) route the connection to the " +
        "service through a proxy.",
    )
    .action(async (options: AgentCommandOptions) => {
      process.exitCode = await runAgentCommand(options);
    });
}

async function runAgentCommand(options: AgentCommandOptions): Promise<number> {
  const token = options.token ?? process.env.COUPA_EXTRACTOR_AGENT_TOKEN;
  if (!token) {
    console.error(
      "coupa-extractor agent: no agent token. Pass --token <token> or set " +
        "COUPA_EXTRACTOR_AGENT_TOKEN; create a token in the service first.",
    );
    return 2;
  }
  let allowlist: HostAllowlist;
  let server: URL;
  try {
    allowlist = await loadAllowlist(options);
    server = agentServerUrl(options.server);
  } catch (error) {
    console.error(`coupa-extractor agent: ${(error as Error).message}`);
    return 2;
  }
  if (allowlist.entries.length === 0) {
    console.error(
      "coupa-extractor agent: the allowlist is empty, so every request " +
        "would be refused. Add your Coupa host: --allow-host " +
        "acme.coupahost.com (or --allowlist-file <path>).",
    );
    return 2;
  }
  return serve(options, token, allowlist, server);
}

async function serve(
  options: AgentCommandOptions,
  token: string,
  allowlist: HostAllowlist,
  server: URL,
): Promise<number> {
  const logger = pino({ level: options.logLevel, base: { role: "agent" } });
  const transport = new DirectTransport(
    options.sourceAddress ? { localAddress: options.sourceAddress } : {},
  );
  const agent = runAgent({
    server: server.href,
    token,
    allowlist,
    transport,
    logger,
    proxyUrl: proxyFor(server, process.env),
    maxConcurrent: options.maxConcurrent,
  });
  const stop = () => void agent.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await agent.done;
    return 0;
  } catch (error) {
    console.error(`coupa-extractor agent: ${(error as Error).message}`);
    return 1;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await transport.close();
  }
}

async function loadAllowlist(
  options: AgentCommandOptions,
): Promise<HostAllowlist> {
  const entries = [...options.allowHost];
  if (options.allowlistFile) {
    const text = await readFile(options.allowlistFile, "utf8").catch(
      (error: NodeJS.ErrnoException) => {
        throw new Error(
          `cannot read the allowlist file ${options.allowlistFile} ` +
            `(${error.code ?? error.message}). Check the path.`,
        );
      },
    );
    entries.push(...HostAllowlist.parseFile(text));
  }
  return new HostAllowlist(entries);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError(`"${value}" is not a positive integer.`);
  }
  return number;
}
