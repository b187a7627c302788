import { randomBytes } from "node:crypto";
import { AddressAllowlist } from "../address-allowlist.js";
import { AdminRequestError } from "../admin/admin-request-error.js";

/** What a caller gives to create a legacy API key. */
export interface ApiKeyInput {
  /** Login of the key's contact; unique across keys. */
  readonly login: string;
  /** Email of the key's contact; unique across keys. */
  readonly email: string;
  /** Instant after which the key is refused (ISO 8601); default never. */
  readonly expiresAt?: string | null;
  /**
   * Resources (`invoices`) or scopes (`core.invoice.read`) the key may
   * call; default every resource.
   */
  readonly permissions?: readonly string[] | null;
  /** Source addresses or CIDR ranges the key may be used from. */
  readonly ipAllowlist?: readonly string[] | null;
}

/** A legacy `X-COUPA-API-KEY` key as the admin sees it. */
export interface ApiKey {
  readonly id: string;
  /** 40 case-sensitive alphanumeric characters, as Coupa's keys. */
  readonly key: string;
  readonly login: string;
  readonly email: string;
  readonly expiresAt: string | null;
  readonly permissions: readonly string[] | null;
  readonly ipAllowlist: readonly string[] | null;
  readonly revoked: boolean;
}

interface StoredKey extends ApiKey {
  readonly allowlist: AddressAllowlist;
}

/** The tenant's legacy API keys (Setup > API Keys in old Coupa). */
export class ApiKeyRegistry {
  readonly #byId = new Map<string, StoredKey>();
  readonly #byKey = new Map<string, StoredKey>();
  #nextId = 1;

  /** @throws AdminRequestError when login or email is taken */
  create(input: ApiKeyInput): ApiKey {
    this.#assertUnique(input);
    const stored = this.#store({
      id: String(this.#nextId++),
      key: newKey(),
      login: input.login,
      email: input.email,
      expiresAt: checkedExpiry(input.expiresAt ?? null),
      permissions: input.permissions ? [...input.permissions] : null,
      ipAllowlist: input.ipAllowlist ? [...input.ipAllowlist] : null,
      revoked: false,
      allowlist: new AddressAllowlist(input.ipAllowlist ?? []),
    });
    return publicView(stored);
  }

  /** Marks a key revoked; later calls with it get 401. */
  revoke(id: string): ApiKey {
    const old = this.#get(id);
    return publicView(this.#store({ ...old, revoked: true }));
  }

  /** Replaces a key's secret value; the old value stops working. */
  regenerate(id: string): ApiKey {
    const old = this.#get(id);
    this.#byKey.delete(old.key);
    return publicView(this.#store({ ...old, key: newKey() }));
  }

  /** The key with this value (revoked or not), or undefined. */
  find(
    key: string,
  ): (ApiKey & { allows(address: string): boolean }) | undefined {
    const stored = this.#byKey.get(key);
    if (!stored) return undefined;
    return { ...publicView(stored), allows: (a) => stored.allowlist.allows(a) };
  }

  #store(key: StoredKey): StoredKey {
    this.#byId.set(key.id, key);
    this.#byKey.set(key.key, key);
    return key;
  }

  #get(id: string): StoredKey {
    const key = this.#byId.get(id);
    if (!key) {
      throw new AdminRequestError(
        "ADMIN_NOT_FOUND",
        `No API key with id "${id}"; list ids are returned on creation.`,
      );
    }
    return key;
  }

  #assertUnique(input: ApiKeyInput): void {
    for (const key of this.#byId.values()) {
      const field =
        key.login === input.login
          ? `login "${input.login}"`
          : key.email === input.email
            ? `email "${input.email}"`
            : undefined;
      if (field) {
        throw new AdminRequestError(
          "ADMIN_CONFLICT",
          `An API key with ${field} exists already; ` +
            "choose another contact or regenerate the existing key.",
        );
      }
    }
  }
}

function newKey(): string {
  const alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(40);
  let key = "";
  for (const byte of bytes) key += alphabet[byte % alphabet.length];
  return key;
}

function checkedExpiry(value: string | null): string | null {
  if (value === null || Number.isFinite(Date.parse(value))) return value;
  throw new AdminRequestError(
    "ADMIN_INVALID_INPUT",
    `API key expiresAt "${value}" is not a date; ` +
      'use ISO 8601, e.g. "2026-12-31T00:00:00Z".',
  );
}

function publicView(stored: StoredKey): ApiKey {
  const { allowlist: _, ...key } = stored;
  return key;
}
