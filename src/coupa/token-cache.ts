import { type Clock, systemClock } from "./clock.js";

/** A minted access token and when it stops being used. */
export interface AccessToken {
  /** The bearer token; a secret, never logged. */
  readonly value: string;
  /** When it was minted (epoch ms). */
  readonly mintedAt: number;
  /** When the cache renews it (epoch ms), before Coupa expires it. */
  readonly renewAt: number;
}

/** What a token request returned. */
export interface MintedToken {
  readonly accessToken: string;
  /** Lifetime in seconds (`expires_in`; Coupa: 86399). */
  readonly expiresInSeconds: number;
}

/** Options of a `TokenCache`. */
export interface TokenCacheOptions {
  /** Requests a new token from Coupa. */
  readonly mint: () => Promise<MintedToken>;
  /**
   * Share of the lifetime after which the token is renewed. Default 5/6:
   * Coupa advises renewing after about 20 of its 24 hours.
   */
  readonly renewAfter?: number;
  /** Default the system clock. */
  readonly clock?: Clock;
}

/**
 * Holds the OAuth access token of one client. However many requests ask at
 * once, only one token request is in flight; a failed one is reported to
 * every waiter and the next caller tries again.
 *
 * @example
 * const tokens = new TokenCache({ mint: () => requestToken(...) });
 * const token = await tokens.get();
 * // on a 401 with this token: tokens.invalidate(token); await tokens.get();
 */
export class TokenCache {
  readonly #mint: () => Promise<MintedToken>;
  readonly #renewAfter: number;
  readonly #clock: Clock;
  #current: AccessToken | undefined;
  #pending: Promise<AccessToken> | undefined;
  #mints = 0;

  constructor(options: TokenCacheOptions) {
    this.#mint = options.mint;
    this.#renewAfter = options.renewAfter ?? 5 / 6;
    this.#clock = options.clock ?? systemClock;
  }

  /** Token requests started so far. */
  get mints(): number {
    return this.#mints;
  }

  /** A token that is not due for renewal, minting one if needed. */
  get(): Promise<AccessToken> {
    const current = this.#current;
    if (current && this.#clock.now() < current.renewAt) {
      return Promise.resolve(current);
    }
    this.#pending ??= this.#renewal();
    return this.#pending;
  }

  /**
   * Drops `token` after Coupa refused it, so the next `get` mints. A token
   * that was already replaced is ignored: when many requests fail with the
   * same old token, only one new token is minted.
   */
  invalidate(token: AccessToken): void {
    if (this.#current === token) this.#current = undefined;
  }

  async #renewal(): Promise<AccessToken> {
    this.#mints += 1;
    // The lifetime runs from when Coupa issued the token, which is before
    // the answer arrived: counting from the request start errs early.
    const requestedAt = this.#clock.now();
    try {
      const minted = await this.#mint();
      const lifetimeMs = minted.expiresInSeconds * 1000;
      this.#current = {
        value: minted.accessToken,
        mintedAt: this.#clock.now(),
        renewAt: requestedAt + lifetimeMs * this.#renewAfter,
      };
      return this.#current;
    } finally {
      this.#pending = undefined;
    }
  }
}
