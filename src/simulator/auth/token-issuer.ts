import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What a valid access token grants. */
export interface TokenGrant {
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** Expiry in epoch ms. */
  readonly expiresAt: number;
}

/** Why a token was refused. */
export type TokenRefusal = "malformed" | "signature" | "expired";

/**
 * Mints and checks JWT-shaped access tokens (HS256 over a per-simulator
 * random key). Coupa's tokens are JWTs that grow with the scope list, so
 * clients that cap header sizes fail here as they would in production.
 */
export class TokenIssuer {
  readonly #key = randomBytes(32);
  readonly #now: () => number;

  /** @param now the tenant clock in epoch ms */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** A signed token for `clientId` holding `scopes`. */
  issue(
    clientId: string,
    scopes: readonly string[],
    lifetimeSeconds: number,
  ): string {
    const iat = Math.floor(this.#now() / 1000);
    const header = encode({ alg: "HS256", typ: "JWT" });
    const payload = encode({
      sub: clientId,
      scope: scopes.join(" "),
      iat,
      exp: iat + lifetimeSeconds,
      jti: randomBytes(8).toString("hex"),
    });
    return `${header}.${payload}.${this.#sign(`${header}.${payload}`)}`;
  }

  /** The grant of a valid, unexpired token, or why it is refused. */
  verify(token: string): TokenGrant | TokenRefusal {
    const parts = token.split(".");
    if (parts.length !== 3) return "malformed";
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.#sign(`${header}.${payload}`));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length) return "signature";
    if (!timingSafeEqual(expected, actual)) return "signature";

    const claims = decode(payload);
    if (!claims) return "malformed";
    const expiresAt = claims.exp * 1000;
    if (this.#now() >= expiresAt) return "expired";
    const scopes = claims.scope.split(" ").filter(Boolean);
    return { clientId: claims.sub, scopes, expiresAt };
  }

  #sign(input: string): string {
    return createHmac("sha256", this.#key).update(input).digest("base64url");
  }
}

interface Claims {
  sub: string;
  scope: string;
  exp: number;
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decode(segment: string): Claims | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, "base64url").toString());
    const ok =
      typeof value?.sub === "string" &&
      typeof value.scope === "string" &&
      typeof value.exp === "number";
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}
