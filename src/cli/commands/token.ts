import type { Command } from "commander";
import { ApiTokenStore } from "../../server/auth/api-token-store.js";
import { systemClock } from "../../server/clock.js";
import { DataPaths } from "../../server/storage/data-paths.js";
import {
  ensureDataDirectory,
  openMetadataDatabase,
} from "../../server/storage/metadata-database.js";
import { dataDirectory } from "./serve.js";

/**
 * Registers `coupa-extractor token create|list|revoke`: API tokens for
 * the REST API, stored hashed in the data directory.
 */
export function registerToken(program: Command): void {
  const token = program
    .command("token")
    .description("Create, list and revoke API tokens of the service");

  token
    .command("create")
    .description("Create an API token and print it (shown only once)")
    .option("--name <name>", "a name to recognise the token by", "default")
    .option("--data-dir <dir>", "data directory (default ./data)")
    .action((options: { name: string; dataDir?: string }) => {
      withStore(options.dataDir, (store) => {
        const created = store.create(options.name);
        console.error(
          `Created token ${created.id} ("${created.name}"). It is shown only once:`,
        );
        console.log(created.token);
      });
    });

  token
    .command("list")
    .description("List API tokens (never their values)")
    .option("--data-dir <dir>", "data directory (default ./data)")
    .option("--json", "print JSON")
    .action((options: { dataDir?: string; json?: boolean }) => {
      withStore(options.dataDir, (store) => printTokens(store, options.json));
    });

  token
    .command("revoke <idOrName>")
    .description("Revoke an API token by id or name")
    .option("--data-dir <dir>", "data directory (default ./data)")
    .action((idOrName: string, options: { dataDir?: string }) => {
      withStore(options.dataDir, (store) => {
        if (store.revoke(idOrName)) {
          console.log(`Revoked ${idOrName}.`);
          return;
        }
        console.error(
          `No active token with id or name "${idOrName}". See: coupa-extractor token list`,
        );
        process.exitCode = 1;
      });
    });
}

function withStore(
  dataDirFlag: string | undefined,
  use: (store: ApiTokenStore) => void,
): void {
  const dataDir = dataDirectory(dataDirFlag);
  ensureDataDirectory(dataDir);
  const db = openMetadataDatabase(new DataPaths(dataDir).metadata);
  try {
    use(new ApiTokenStore(db, systemClock));
  } finally {
    db.close();
  }
}

function printTokens(store: ApiTokenStore, json = false): void {
  const tokens = store.list();
  if (json) {
    console.log(JSON.stringify(tokens, null, 2));
    return;
  }
  for (const t of tokens) {
    const state = t.revokedAt ? `revoked ${t.revokedAt}` : "active";
    const used = t.lastUsedAt ? `last used ${t.lastUsedAt}` : "never used";
    console.log(
      `${t.id}  ${t.name}  created ${t.createdAt}  ${used}  ${state}`,
    );
  }
}
