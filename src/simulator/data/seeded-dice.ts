/**
 * Stateless-looking randomness for generated records: every value is a
 * hash of (seed, resource key, id, version, salt), so any record can be
 * produced alone, in any order, with the same bytes every time.
 */
export class SeededDice {
  private base = 0;
  private readonly root: number;

  /**
   * @param seed the tenant's seed (any 32-bit integer).
   * @param key a number naming what is rolled for, see `SeededDice.keyOf`.
   */
  constructor(seed: number, key: number) {
    this.root = mix(mix(0x2545f491, seed | 0), key | 0);
  }

  /** Key of a name (FNV-1a), so each resource or purpose rolls its own. */
  static keyOf(name: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) {
      hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
    }
    return hash >>> 0;
  }

  /** Points the dice at one record (and version); returns itself. */
  at(id: number, version = 0): this {
    this.base = mix(mix(this.root, id | 0), version | 0);
    return this;
  }

  /** A 32-bit unsigned value for one salt of the current record. */
  u32(salt: number): number {
    return finalize(mix(this.base, salt));
  }

  /** A number in [0, 1). */
  unit(salt: number): number {
    return this.u32(salt) / 4294967296;
  }

  /** An integer in [0, n). */
  int(salt: number, n: number): number {
    return Math.floor(this.unit(salt) * n);
  }

  /** An integer in [low, high], both included. */
  range(salt: number, low: number, high: number): number {
    return low + this.int(salt, high - low + 1);
  }

  /** True with probability p. */
  chance(salt: number, p: number): boolean {
    return this.unit(salt) < p;
  }

  /** One element of a non-empty list. */
  pick<T>(salt: number, list: readonly T[]): T {
    return list[this.int(salt, list.length)] as T;
  }
}

function mix(hash: number, value: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  const h = hash ^ k;
  return Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
}

function finalize(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
