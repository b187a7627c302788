import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ConfigError } from "./config-error.js";
import { ConfigFileError } from "./config-file-error.js";

/**
 * Egress IP addresses (or CIDR ranges) per deployment cluster of this
 * product: what a customer's network team adds to Coupa's or their
 * firewall's allowlist.
 */
export type ClusterTable = Readonly<Record<string, readonly string[]>>;

/**
 * The clusters this deployment ships with. This deployment has no real
 * egress addresses, so the defaults use the documentation ranges of
 * RFC 5737; an operator replaces them with `COUPA_EXTRACTOR_CLUSTERS`.
 */
export const DEFAULT_CLUSTERS: ClusterTable = Object.freeze({
  "eu-1": Object.freeze(["203.0.113.10", "203.0.113.11"]),
  "eu-2": Object.freeze(["203.0.113.20", "203.0.113.21"]),
  "us-1": Object.freeze(["198.51.100.10", "198.51.100.11"]),
  "us-2": Object.freeze(["198.51.100.20", "198.51.100.21"]),
  "au-1": Object.freeze(["192.0.2.10", "192.0.2.11"]),
});

/** Environment variable naming a JSON or YAML file of clusters. */
export const CLUSTERS_ENV = "COUPA_EXTRACTOR_CLUSTERS";

const address = z
  .string()
  .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, "expected an IP address or CIDR");
const clusterFile = z.record(
  z.string().regex(/^[a-z0-9-]+$/, "expected a cluster name like eu-1"),
  z.array(address).min(1),
);

/**
 * The cluster table in force: the file named by `COUPA_EXTRACTOR_CLUSTERS`
 * when set, else `DEFAULT_CLUSTERS`. Read synchronously: it is called once
 * while a config is validated, before any work starts.
 *
 * @param env Default `process.env`.
 * @param readFile Default `fs.readFileSync(path, "utf8")`.
 * @throws ConfigFileError when the file is missing or malformed.
 */
export function loadClusters(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): ClusterTable {
  const path = env[CLUSTERS_ENV];
  if (!path) return DEFAULT_CLUSTERS;
  const parsed = clusterFile.safeParse(readClusterFile(path, readFile));
  if (!parsed.success) {
    throw new ConfigFileError(
      path,
      `The cluster file ${path} (from ${CLUSTERS_ENV}) is invalid: ` +
        `${describeIssues(parsed.error.issues)}. ` +
        `Expected a map of cluster name to egress addresses, e.g. ` +
        `{"eu-1": ["203.0.113.10"]}.`,
    );
  }
  return Object.freeze(parsed.data);
}

function describeIssues(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): string {
  return issues
    .map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`)
    .join("; ");
}

function readClusterFile(
  path: string,
  readFile: (path: string) => string,
): unknown {
  try {
    return parseYaml(readFile(path));
  } catch (error) {
    throw new ConfigFileError(
      path,
      `Cannot read the cluster file ${path} (from ${CLUSTERS_ENV}): ` +
        `${(error as Error).message}. Fix the file or unset ${CLUSTERS_ENV}.`,
      { cause: error },
    );
  }
}

/**
 * The egress addresses of one cluster.
 *
 * @example
 * clusterEgress("eu-1", DEFAULT_CLUSTERS); // ["203.0.113.10", "203.0.113.11"]
 * @throws ConfigError listing the known clusters.
 */
export function clusterEgress(
  cluster: string,
  clusters: ClusterTable,
): readonly string[] {
  const egress = clusters[cluster];
  if (egress) return egress;
  throw new ConfigError([
    {
      path: "cluster",
      value: JSON.stringify(cluster),
      message: `unknown cluster; known clusters: ${knownClusters(clusters)}`,
    },
  ]);
}

/** Names of the clusters, comma-separated, for messages. */
export function knownClusters(clusters: ClusterTable): string {
  return Object.keys(clusters).sort().join(", ");
}
