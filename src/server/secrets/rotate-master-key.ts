import { randomBytes } from "node:crypto";
import { renameSync } from "node:fs";
import { DataPaths } from "../storage/data-paths.js";
import {
  ensureDataDirectory,
  openMetadataDatabase,
} from "../storage/metadata-database.js";
import { loadMasterKey, writeKeyFile } from "./master-key.js";
import { SecretStore } from "./secret-store.js";

/** What a master key rotation did. */
export interface MasterKeyRotation {
  /** How many secrets were re-encrypted. */
  readonly secrets: number;
  /** Path of the rewritten key file, when the key came from a file. */
  readonly keyFile?: string;
  /**
   * The new key (base64) when the old one came from the environment: the
   * operator must put it into `COUPA_EXTRACTOR_MASTER_KEY` before the next
   * start.
   */
  readonly newKeyBase64?: string;
}

/**
 * Re-encrypts every stored secret of a data directory under a new random
 * master key. Run it with the server stopped. With a key file, the new
 * key is written next to it first and moved over it once the database
 * has committed, so the old file stays valid until the secrets change.
 *
 * @example
 * const { secrets } = rotateMasterKey("./data", process.env);
 */
export function rotateMasterKey(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  newKey: Buffer = randomBytes(32),
): MasterKeyRotation {
  ensureDataDirectory(dataDir);
  const current = loadMasterKey(dataDir, env);
  const db = openMetadataDatabase(new DataPaths(dataDir).metadata);
  try {
    const store = new SecretStore(db, current.key);
    if (current.source === "env") {
      const secrets = store.rotate(newKey);
      return { secrets, newKeyBase64: newKey.toString("base64") };
    }

    const file = current.source.file;
    const staged = `${file}.new`;
    writeKeyFile(staged, newKey);
    const secrets = store.rotate(newKey);
    renameSync(staged, file);
    return { secrets, keyFile: file };
  } finally {
    db.close();
  }
}
