/**
 * Marks nulls in a DuckDB vector in bulk. The vector's own `setItem(i,
 * null)` does BigInt arithmetic per call, which dominated appends of wide,
 * sparse Coupa rows; this builds the validity bitmap with 32-bit integer
 * operations and hands it to the vector once.
 *
 * It relies on how @duckdb/node-api 1.x vectors keep their validity (a
 * `validity` object whose `data` is a `BigUint64Array` or null, one bit
 * per row, little-endian). When a vector does not look like that, `apply`
 * falls back to `setItem(i, null)`.
 */
export class NullMask {
  readonly #words: Uint32Array;
  readonly #count: number;
  #nulls = 0;

  constructor(count: number) {
    this.#count = count;
    this.#words = new Uint32Array(Math.ceil(count / 64) * 2).fill(0xffffffff);
  }

  /** A mask with every one of `count` rows null. */
  static allNull(count: number): NullMask {
    const mask = new NullMask(count);
    mask.#words.fill(0);
    mask.#nulls = count;
    return mask;
  }

  /** Marks row `row` null. */
  setNull(row: number): void {
    this.#words[row >>> 5] = (this.#words[row >>> 5] ?? 0) & ~(1 << (row & 31));
    this.#nulls++;
  }

  /** Writes the marks into the vector (before its `flush()`). */
  apply(vector: { setItem(index: number, value: null): void }): void {
    if (this.#nulls === 0) return;
    const validity = (vector as unknown as { validity?: { data?: unknown } })
      .validity;
    if (validity && "data" in validity && isLittleEndian()) {
      validity.data = new BigUint64Array(this.#words.buffer);
      return;
    }
    for (let row = 0; row < this.#count; row++) {
      const word = this.#words[row >>> 5] ?? 0;
      if ((word & (1 << (row & 31))) === 0) vector.setItem(row, null);
    }
  }
}

let littleEndian: boolean | undefined;

function isLittleEndian(): boolean {
  littleEndian ??= new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return littleEndian;
}
