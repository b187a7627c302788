import { BlockList, isIP } from "node:net";
import { AdminRequestError } from "./admin/admin-request-error.js";

/**
 * A list of source addresses and CIDR ranges (`127.0.0.2`,
 * `10.0.0.0/8`, `::1`). An empty list allows every address.
 */
export class AddressAllowlist {
  readonly #list = new BlockList();
  readonly #empty: boolean;

  /** @throws AdminRequestError naming an entry that is not an address */
  constructor(readonly entries: readonly string[]) {
    this.#empty = entries.length === 0;
    for (const entry of entries) this.#add(entry);
  }

  /** True when `address` may connect. */
  allows(address: string): boolean {
    if (this.#empty) return true;
    const plain = normalizeAddress(address);
    const family = isIP(plain) === 6 ? "ipv6" : "ipv4";
    return isIP(plain) !== 0 && this.#list.check(plain, family);
  }

  #add(entry: string): void {
    const [address = "", prefix] = entry.trim().split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === 6 ? 128 : 32;
    const badPrefix =
      bits !== undefined && !(Number.isInteger(bits) && bits >= 0);
    if (family === 0 || badPrefix || (bits ?? 0) > max) {
      throw new AdminRequestError(
        "ADMIN_INVALID_INPUT",
        `IP allowlist entry "${entry}" is not an address or CIDR range; ` +
          'use e.g. "127.0.0.2" or "10.0.0.0/8".',
      );
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) this.#list.addAddress(address, type);
    else this.#list.addSubnet(address, bits, type);
  }
}

/** Strips the `::ffff:` prefix of IPv4 addresses seen on IPv6 sockets. */
export function normalizeAddress(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".")
    ? address.slice(7)
    : address;
}
