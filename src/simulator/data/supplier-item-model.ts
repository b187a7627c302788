import { formatCoupaDateTime } from "./coupa-date-time.js";
import { centsToDecimal } from "./decimal-text.js";
import type { ModelContext } from "./model-context.js";
import { OrderLineFacts } from "./order-line-facts.js";
import { recordZone } from "./record-zone.js";
import { SeededDice } from "./seeded-dice.js";
import { StoredResource } from "./stored-resource.js";
import type { SupplierModel } from "./supplier-model.js";
import type { UserModel } from "./user-model.js";

const KIND = 81;
const ITEMS = 200;

/**
 * Supplier items (`/api/supplier_items`): catalog prices, four per
 * supplier, at the same list prices order lines use.
 */
export class SupplierItemModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly facts: OrderLineFacts;

  /**
   * @param ctx what the tenant's models share.
   * @param users audit users.
   * @param suppliers the selling suppliers.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
    private readonly suppliers: SupplierModel,
  ) {
    super("supplier_items", ctx.seed);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("supplier_items"));
    this.facts = new OrderLineFacts(ctx.seed, ctx.sizes);
  }

  baseMaxId(): number {
    return this.ctx.sizes.supplierItems;
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.masterCreatedAt(
      KIND,
      id,
      this.ctx.sizes.supplierItems,
    );
  }

  baseUpdatedAt(id: number): number {
    return this.ctx.graph.laterBaseTime(KIND, id, this.baseCreatedAt(id), 500);
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const zone = recordZone(this.dice.at(id));
    const template = this.templateOf(id);
    const supplierId = 1 + ((template - 1) % this.ctx.sizes.suppliers);
    const itemId = 1 + this.dice.at(template).int(1, ITEMS);
    const dice = this.dice.at(id, version);
    const list = this.facts.listPrice(itemId);
    const price =
      version === 0 ? list : Math.round((list * (95 + dice.int(2, 11))) / 100);
    const customFields: Record<string, unknown> = {};
    this.ctx.customFields.fill(
      customFields,
      this.name,
      id,
      entry?.seq ?? 0,
      updatedAt,
      zone,
    );
    return {
      id,
      "created-at": formatCoupaDateTime(this.createdAt(id), zone),
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      price: centsToDecimal(price),
      "supplier-part-num": `SP-${supplierId}-${itemId}`,
      "supplier-aux-part-num": null,
      "lead-time": dice.range(3, 1, 21),
      availability: dice.chance(4, 0.9) ? "in_stock" : "backordered",
      manufacturer: null,
      preferred: dice.chance(5, 0.3),
      "minimum-order-quantity": "1.00",
      item: this.ctx.refs.item(itemId),
      supplier: this.suppliers.ref(supplierId),
      currency: this.ctx.refs.currency(this.suppliers.currencyOf(supplierId)),
      "created-by": this.users.simple(1),
      "updated-by": this.users.simple(1),
      "custom-fields": customFields,
    };
  }
}
