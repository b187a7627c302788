import { REFERENCE_TABLES } from "./reference-tables.js";
import { SeededDice } from "./seeded-dice.js";
import type { TenantSizes } from "./tenant-sizes.js";
import { WORD_LISTS } from "./word-lists.js";

const ITEM_COUNT =
  WORD_LISTS.productAdjectives.length * WORD_LISTS.products.length;
const SERVICE_PRODUCTS = new Set([11, 12, 13, 19]);

/**
 * The business content of one purchase order line at one version: item,
 * price, quantity, account. Requisition lines, invoice lines, receipts and
 * change requests copy these numbers, so they agree with the order. The
 * object is reused: `load` overwrites it and allocates nothing.
 */
export class OrderLineFacts {
  /** Catalog item id (1..200); its name follows from the id. */
  itemId = 0;
  /** Unit price in cents. */
  priceCents = 0;
  /** Ordered quantity in whole units. */
  quantity = 0;
  /** Unit of measure id (`REFERENCE_TABLES.uoms`). */
  uomId = 0;
  accountId = 0;
  commodityId = 0;
  /** Days from order creation to the need-by date. */
  needByDays = 0;
  receiptRequired = true;
  private readonly dice: SeededDice;
  private readonly priceDice: SeededDice;

  /**
   * @param seed the tenant's seed.
   * @param sizes record counts of the tenant (accounts, commodities).
   */
  constructor(
    seed: number,
    private readonly sizes: TenantSizes,
  ) {
    this.dice = new SeededDice(seed, SeededDice.keyOf("order-line"));
    this.priceDice = new SeededDice(seed, SeededDice.keyOf("item-price"));
  }

  /** Name of catalog item `id`, e.g. `Ergonomic Office Chair`. */
  static itemName(id: number): string {
    const { productAdjectives, products } = WORD_LISTS;
    const adjective = productAdjectives[(id - 1) % productAdjectives.length];
    const product =
      products[
        Math.floor((id - 1) / productAdjectives.length) % products.length
      ];
    return `${adjective} ${product}`;
  }

  /** Facts of line `slot` of order p at a line version (0 = base). */
  load(p: number, slot: number, version: number): this {
    const dice = this.dice.at(p * 16 + slot);
    this.itemId = 1 + dice.int(0, ITEM_COUNT);
    const product = Math.floor((this.itemId - 1) / 10);
    const service = SERVICE_PRODUCTS.has(product);
    this.uomId = service ? 3 : dice.chance(1, 0.8) ? 1 : 2;
    this.priceCents = this.listPrice(this.itemId);
    this.quantity = service ? dice.range(2, 4, 40) : dice.range(2, 1, 20);
    this.accountId = 1 + dice.int(3, this.sizes.accounts);
    this.commodityId = 7 + dice.int(4, this.sizes.commodities - 6);
    this.needByDays = dice.range(5, 7, 30);
    this.receiptRequired = !service || dice.chance(6, 0.3);
    if (version > 0) this.applyChange(p * 16 + slot, version);
    return this;
  }

  /** List price of catalog item `id` in cents; supplier items use it. */
  listPrice(itemId: number): number {
    const dice = this.priceDice.at(itemId);
    const dollars = dice.chance(0, 0.7)
      ? dice.range(1, 5, 250)
      : dice.range(2, 250, 4000);
    return dollars * 100 + dice.int(3, 100);
  }

  private applyChange(key: number, version: number): void {
    const dice = this.dice.at(key, version);
    const factor = 90 + dice.int(7, 21);
    this.priceCents = Math.max(1, Math.round((this.priceCents * factor) / 100));
    this.quantity = Math.max(1, this.quantity + dice.range(8, -3, 5));
  }
}

/** Text of a unit of measure id: [code, name]. */
export function uomOf(id: number): readonly [string, string] {
  return REFERENCE_TABLES.uoms[id - 1] ?? ["EA", "Each"];
}
