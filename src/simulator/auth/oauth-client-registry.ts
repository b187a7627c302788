import { randomBytes, timingSafeEqual } from "node:crypto";

/** An OAuth client of the simulated tenant (client credentials grant). */
export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Scopes the client holds, e.g. `core.invoice.read`. */
  readonly scopes: readonly string[];
}

/** What a caller may choose when creating a client. */
export interface OAuthClientInput {
  /** Default: a random identifier. */
  readonly clientId?: string;
  /** Default: a random 40-character secret. */
  readonly clientSecret?: string;
  readonly scopes: readonly string[];
}

/**
 * The tenant's OAuth clients, as set up under Setup > OAuth2/OpenID
 * Connect Clients in Coupa.
 */
export class OAuthClientRegistry {
  readonly #clients = new Map<string, OAuthClient>();

  /** Adds a client; an existing id is replaced (scopes changed). */
  create(input: OAuthClientInput): OAuthClient {
    const client: OAuthClient = Object.freeze({
      clientId: input.clientId ?? `sim-${randomBytes(12).toString("hex")}`,
      clientSecret: input.clientSecret ?? randomBytes(20).toString("hex"),
      scopes: Object.freeze([...new Set(input.scopes)]),
    });
    this.#clients.set(client.clientId, client);
    return client;
  }

  /** The client when id and secret match, else undefined. */
  verify(clientId: string, clientSecret: string): OAuthClient | undefined {
    const client = this.#clients.get(clientId);
    if (!client) return undefined;
    const a = Buffer.from(client.clientSecret);
    const b = Buffer.from(clientSecret);
    return a.length === b.length && timingSafeEqual(a, b) ? client : undefined;
  }

  /** A client by id, or undefined. */
  get(clientId: string): OAuthClient | undefined {
    return this.#clients.get(clientId);
  }
}
