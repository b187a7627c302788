import { createHmac } from "node:crypto";

/** Distinct values remembered; supplier names and logins repeat a lot. */
const CACHE_LIMIT = 50_000;

/**
 * Replaces values by their keyed HMAC-SHA-256 (hex) under the pool's
 * secret: equal inputs give equal outputs in every table and run, so joins
 * still work, while the raw value cannot be read back or guessed without
 * the key. Numbers, booleans and datetimes are hashed as their text
 * (`42`, `true`, ISO 8601 in UTC).
 *
 * @example
 * const p = new Pseudonymizer(key);
 * p.pseudonymize("alice@example.com"); // "5f1c…" (64 hex characters)
 */
export class Pseudonymizer {
  readonly #key: Buffer;
  readonly #cache = new Map<string, string>();

  constructor(key: Buffer) {
    if (key.length < 16) {
      throw new RangeError(
        `Pseudonymization key has ${key.length} bytes; it needs at least ` +
          "16. Use the pool's key (PoolStore.pseudonymKey()).",
      );
    }
    this.#key = key;
  }

  /** The keyed hash of a value; null and undefined stay null. */
  pseudonymize(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    const text = value instanceof Date ? value.toISOString() : String(value);
    const cached = this.#cache.get(text);
    if (cached !== undefined) return cached;
    const hash = createHmac("sha256", this.#key).update(text).digest("hex");
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(text, hash);
    return hash;
  }
}
