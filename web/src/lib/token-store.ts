/** The slice of `Storage` the token store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = "coupa-extractor.api-token";

/**
 * Keeps the API token between visits. The browser's `localStorage` is
 * passed in, so tests and private windows can use something else.
 */
export class TokenStore {
  readonly #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage) {
    this.#storage = storage;
  }

  /** The saved token, or undefined when signed out. */
  load(): string | undefined {
    return this.#storage.getItem(KEY) ?? undefined;
  }

  /** Saves a token after it was accepted by the server. */
  save(token: string): void {
    this.#storage.setItem(KEY, token);
  }

  /** Forgets the token (sign out, or the server rejected it). */
  clear(): void {
    this.#storage.removeItem(KEY);
  }
}
