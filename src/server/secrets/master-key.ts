import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MasterKeyError } from "./master-key-error.js";

/** Name of the environment variable holding the master key (base64). */
export const MASTER_KEY_ENV = "COUPA_EXTRACTOR_MASTER_KEY";

/** The master key and where it came from. */
export interface MasterKey {
  readonly key: Buffer;
  /** `env`, or the path of the key file. */
  readonly source: "env" | { readonly file: string };
}

/** Path of the key file inside a data directory. */
export function masterKeyPath(dataDir: string): string {
  return join(dataDir, "master.key");
}

/**
 * Finds the master key: `COUPA_EXTRACTOR_MASTER_KEY` (base64 of 32 bytes)
 * when set, else `<dataDir>/master.key`, created with 0600 permissions on
 * first start so only the server's user can read it.
 *
 * @example
 * const { key } = loadMasterKey("./data", process.env);
 */
export function loadMasterKey(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): MasterKey {
  const fromEnv = env[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return { key: decodeKey(fromEnv, MASTER_KEY_ENV), source: "env" };
  }
  const file = masterKeyPath(dataDir);
  if (!existsSync(file)) writeKeyFile(file, randomBytes(32));
  return {
    key: decodeKey(readFileSync(file, "utf8"), file),
    source: { file },
  };
}

/** Writes a key file (base64, 0600), replacing any existing one. */
export function writeKeyFile(file: string, key: Buffer): void {
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) {
    throw new MasterKeyError(
      `The master key in ${where} decodes to ${key.length} bytes; it must ` +
        "be base64 of exactly 32 bytes. Generate one with: " +
        "openssl rand -base64 32",
    );
  }
  return key;
}
