import type { MetadataDatabase } from "../storage/metadata-database.js";
import { MasterKeyError } from "./master-key-error.js";
import { SecretBox } from "./secret-box.js";

const KEY_CHECK_SETTING = "master_key_check";
const KEY_CHECK_TEXT = "coupa-extractor master key check";

/**
 * Secrets of connections (and later agents) encrypted at rest in SQLite.
 * Each secret belongs to an owner id and has a name (`clientSecret`,
 * `key`). A check value in `settings` detects a wrong master key at start
 * instead of at the first run.
 */
export class SecretStore {
  #box: SecretBox;

  constructor(
    private readonly db: MetadataDatabase,
    key: Buffer,
  ) {
    this.#box = new SecretBox(key);
    this.#verifyKey();
  }

  /** Stores (or replaces) a secret, encrypted. */
  set(ownerId: string, name: string, value: string): void {
    this.db
      .prepare(
        "INSERT INTO secrets (owner_id, name, ciphertext) VALUES (?, ?, ?) " +
          "ON CONFLICT (owner_id, name) DO UPDATE SET ciphertext = excluded.ciphertext",
      )
      .run(ownerId, name, this.#box.seal(value));
  }

  /** The decrypted secret, or undefined when none is stored. */
  get(ownerId: string, name: string): string | undefined {
    const row = this.db
      .prepare("SELECT ciphertext FROM secrets WHERE owner_id = ? AND name = ?")
      .get(ownerId, name) as { ciphertext: string } | undefined;
    return row ? this.#box.open(row.ciphertext) : undefined;
  }

  /** Every secret of an owner, by name, decrypted. */
  all(ownerId: string): Record<string, string> {
    const rows = this.db
      .prepare("SELECT name, ciphertext FROM secrets WHERE owner_id = ?")
      .all(ownerId) as { name: string; ciphertext: string }[];
    return Object.fromEntries(
      rows.map((row) => [row.name, this.#box.open(row.ciphertext)]),
    );
  }

  /** Removes every secret of an owner. */
  deleteOwner(ownerId: string): void {
    this.db.prepare("DELETE FROM secrets WHERE owner_id = ?").run(ownerId);
  }

  /**
   * Re-encrypts every secret under `newKey` in one transaction: a crash
   * leaves all secrets under the old key or all under the new one.
   * Returns how many secrets were re-encrypted.
   */
  rotate(newKey: Buffer): number {
    const next = new SecretBox(newKey);
    const rows = this.db
      .prepare("SELECT owner_id, name, ciphertext FROM secrets")
      .all() as { owner_id: string; name: string; ciphertext: string }[];
    const update = this.db.prepare(
      "UPDATE secrets SET ciphertext = ? WHERE owner_id = ? AND name = ?",
    );

    this.db.transaction(() => {
      for (const row of rows) {
        const plain = this.#box.open(row.ciphertext);
        update.run(next.seal(plain), row.owner_id, row.name);
      }
      this.#writeCheck(next);
    })();

    this.#box = next;
    return rows.length;
  }

  #verifyKey(): void {
    const row = this.db
      .prepare("SELECT value FROM settings WHERE key = ?")
      .get(KEY_CHECK_SETTING) as { value: string } | undefined;
    if (!row) {
      this.#writeCheck(this.#box);
      return;
    }
    if (this.#box.open(row.value) !== KEY_CHECK_TEXT) {
      throw new MasterKeyError(
        "The master key does not match this data directory. Start the " +
          "server with the key it was created with.",
      );
    }
  }

  #writeCheck(box: SecretBox): void {
    this.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) " +
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(KEY_CHECK_SETTING, box.seal(KEY_CHECK_TEXT));
  }
}
