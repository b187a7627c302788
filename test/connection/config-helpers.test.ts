import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiKeysSupported,
  warnApiKeyDeprecated,
} from "../../src/connection/api-key-policy.js";
import {
  clusterEgress,
  DEFAULT_CLUSTERS,
  loadClusters,
} from "../../src/connection/clusters.js";
import { ConfigError } from "../../src/connection/config-error.js";
import { ConfigFileError } from "../../src/connection/config-file-error.js";
import { loadConfigFile } from "../../src/connection/load-config-file.js";
import { loadConnection } from "../../src/connection/load-connection.js";
import { maskSecret, maskSecrets } from "../../src/connection/mask-secrets.js";
import { requiredScopes } from "../../src/connection/required-scopes.js";

let folder: string;

/** `${NAME}` written without a template-looking literal. */
const ref = (name: string): string => ["$", "{", name, "}"].join("");

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "coupa-config-"));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
}

describe("loadConfigFile", () => {
  it(`reads YAML and substitutes ${ref("VAR")} from the environment`, async () => {
    const path = await file(
      "a.yaml",
      [
        "connection:",
        "  name: acme",
        `  host: ${ref("COUPA_HOST")}`,
        "  auth:",
        "    type: oauth",
        "    clientId: etl",
        `    clientSecret: "${ref("COUPA_SECRET")}"`,
        "tables:",
        "  invoices: {}",
      ].join("\n"),
    );
    const document = await loadConfigFile(path, {
      COUPA_HOST: "acme",
      COUPA_SECRET: 'with "quotes": and colons',
    });
    expect(document).toEqual({
      connection: {
        name: "acme",
        host: "acme",
        auth: {
          type: "oauth",
          clientId: "etl",
          clientSecret: 'with "quotes": and colons',
        },
      },
      tables: { invoices: {} },
    });
  });

  it("reads JSON the same way", async () => {
    const path = await file(
      "b.json",
      `{"pool": {"path": "${ref("HOME_DIR")}/p"}}`,
    );
    expect(await loadConfigFile(path, { HOME_DIR: "/data" })).toEqual({
      pool: { path: "/data/p" },
    });
  });

  it("names every missing variable and the file", async () => {
    const path = await file(
      "c.yaml",
      `a: ${ref("ONE")}\nb: ${ref("TWO")}-${ref("ONE")}\n`,
    );
    const error = await loadConfigFile(path, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as Error).message).toBe(
      `The config file ${path} uses \${ONE}, \${TWO} but the environment ` +
        "does not set them. Export ONE, TWO before running, or write the " +
        "value into the file.",
    );
  });

  it("says which file is missing", async () => {
    const path = join(folder, "nope.yaml");
    await expect(loadConfigFile(path, {})).rejects.toThrow(
      `Cannot read the config file ${path} (ENOENT). Check the path given with --config.`,
    );
  });
});

describe("loadConnection", () => {
  it("validates the connection and takes only the table names", async () => {
    const path = await file(
      "d.yaml",
      [
        "connection:",
        "  name: acme",
        "  host: https://acme.coupahost.com/api",
        "  cluster: eu-1",
        '  auth: { type: oauth, clientId: etl, clientSecret: "' +
          ref("S") +
          '" }',
        "pool: { path: ./pool.duckdb }",
        "tables:",
        "  invoices: { lookback: 1h, whatever: true }",
        "  suppliers: {}",
      ].join("\n"),
    );
    const loaded = await loadConnection(path, { env: { S: "x".repeat(20) } });
    expect(loaded.tables).toEqual(["invoices", "suppliers"]);
    expect(loaded.connection.host).toBe("https://acme.coupahost.com");
    expect(loaded.connection.auth).toMatchObject({
      scopes: ["core.invoice.read", "core.supplier.read"],
    });
  });

  it("prefixes problems with connection.", async () => {
    const path = await file("e.yaml", "connection: { name: x, host: '' }\n");
    const error = await loadConnection(path, { env: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual([
      "connection.host",
      "connection.auth",
    ]);
  });
});

describe("clusters", () => {
  it("lists the egress addresses of a known cluster", () => {
    expect(clusterEgress("eu-1", DEFAULT_CLUSTERS)).toEqual([
      "203.0.113.10",
      "203.0.113.11",
    ]);
  });

  it("names the known clusters when one is unknown", () => {
    expect(() => clusterEgress("mars-1", DEFAULT_CLUSTERS)).toThrow(
      'cluster: "mars-1": unknown cluster; known clusters: au-1, eu-1, eu-2, us-1, us-2',
    );
  });

  it("takes the clusters from the file named by COUPA_EXTRACTOR_CLUSTERS", async () => {
    const path = await file(
      "clusters.yaml",
      "ch-1: [192.0.2.50, 192.0.2.51]\n",
    );
    const clusters = loadClusters({ COUPA_EXTRACTOR_CLUSTERS: path });
    expect(clusters).toEqual({ "ch-1": ["192.0.2.50", "192.0.2.51"] });
    expect(loadClusters({})).toBe(DEFAULT_CLUSTERS);
  });

  it("explains a malformed cluster file", async () => {
    const path = await file("bad-clusters.yaml", "ch-1: not-a-list\n");
    expect(() => loadClusters({ COUPA_EXTRACTOR_CLUSTERS: path })).toThrow(
      /The cluster file .* \(from COUPA_EXTRACTOR_CLUSTERS\) is invalid: ch-1:/,
    );
  });
});

describe("API key policy", () => {
  it("accepts keys up to R34 and refuses them from R35", () => {
    expect(apiKeysSupported("R34")).toBe(true);
    expect(apiKeysSupported("R35")).toBe(false);
    expect(apiKeysSupported("R39")).toBe(false);
  });

  it("warns once per process that keys are being retired", () => {
    const lines: string[] = [];
    const logger = pino({}, { write: (line: string) => lines.push(line) });
    warnApiKeyDeprecated(logger);
    warnApiKeyDeprecated(logger);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string).msg).toBe(
      "Coupa is retiring API keys (no longer supported from R35). Create " +
        "an OAuth client under Setup > Integrations > OAuth2/OpenID Connect " +
        'Clients and switch auth to type "oauth".',
    );
  });
});

describe("requiredScopes", () => {
  it("is the sorted set of read scopes of the tables", () => {
    expect(
      requiredScopes(["users", "invoices", "approvals", "invoices"], "R39"),
    ).toEqual(["core.approval.read", "core.invoice.read", "core.user.read"]);
  });

  it("names unknown tables", () => {
    expect(() => requiredScopes(["invoicez"], "R39")).toThrow(
      /tables\.invoicez: "invoicez": not a Coupa resource in R39; known resources: account_types, accounts,/,
    );
  });
});

describe("maskSecrets", () => {
  it("shows the last four characters of long secrets only", () => {
    expect(maskSecret("cs-4f9a7d2e81b3c6a0-9f2c")).toBe("••••9f2c");
    expect(maskSecret("short")).toBe("••••");
    const masked = maskSecrets({
      name: "acme",
      auth: {
        type: "oauth",
        clientId: "etl",
        clientSecret: "abcdefghijkl1234",
      },
    });
    expect(masked).toEqual({
      name: "acme",
      auth: { type: "oauth", clientId: "etl", clientSecret: "••••1234" },
    });
  });
});
