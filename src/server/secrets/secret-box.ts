import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { MasterKeyError } from "./master-key-error.js";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts and decrypts short secrets with AES-256-GCM under one 32-byte
 * key. Each value gets a fresh random IV; the auth tag makes a wrong key
 * or a tampered value fail loudly instead of decrypting to garbage.
 *
 * @example
 * const box = new SecretBox(randomBytes(32));
 * box.open(box.seal("s3cret")); // "s3cret"
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) {
      throw new MasterKeyError(
        `The master key has ${key.length} bytes; AES-256 needs exactly 32. ` +
          "Generate one with: openssl rand -base64 32",
      );
    }
    this.#key = Buffer.from(key);
  }

  /** Encrypts `plaintext`; returns base64 of iv + tag + ciphertext. */
  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const body = Buffer.concat([
      cipher.update(plaintext, "utf8"),
      cipher.final(),
    ]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  /** Decrypts a value made by `seal`; throws `MasterKeyError` otherwise. */
  open(sealed: string): string {
    const raw = Buffer.from(sealed, "base64");
    const iv = raw.subarray(0, IV_BYTES);
    const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, iv);
      decipher.setAuthTag(tag);
      const body = raw.subarray(IV_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString(
        "utf8",
      );
    } catch (error) {
      throw new MasterKeyError(
        "A stored secret cannot be decrypted with this master key. Start " +
          "the server with the key the data directory was created with " +
          "(COUPA_EXTRACTOR_MASTER_KEY or <dataDir>/master.key).",
        { cause: error },
      );
    }
  }
}
