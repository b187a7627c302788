import { clampBaseTime, DAY_MS } from "./base-timeline.js";
import { formatCoupaDateTime } from "./coupa-date-time.js";
import { centsToDecimal } from "./decimal-text.js";
import type { ModelContext } from "./model-context.js";
import { OrderLineFacts } from "./order-line-facts.js";
import {
  ORDER_LINE_STRIDE,
  PurchaseOrderModel,
} from "./purchase-order-model.js";
import { recordZone } from "./record-zone.js";
import { SeededDice } from "./seeded-dice.js";
import { StoredResource } from "./stored-resource.js";
import type { SupplierModel } from "./supplier-model.js";
import type { UserModel } from "./user-model.js";

const KIND = 91;
/** Orders per change request: every 20th order has one. */
const ORDERS_PER_CHANGE = 20;
const LINE_CHANGE_STRIDE = 4;
const STATUSES = ["approved", "approved", "pending_approval", "rejected"];

/**
 * Change requests on purchase orders (`/api/purchase_order_changes`):
 * every 20th order has one, proposing new prices and quantities for up to
 * two of its lines in `order-line-changes`; `total` is their sum.
 */
export class PurchaseOrderChangeModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly facts: OrderLineFacts;

  /**
   * @param ctx what the tenant's models share.
   * @param users requesters and audit users.
   * @param suppliers supplier and currency of the order.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
    private readonly suppliers: SupplierModel,
  ) {
    super("purchase_order_changes", ctx.seed);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("po-changes"));
    this.facts = new OrderLineFacts(ctx.seed, ctx.sizes);
  }

  baseMaxId(): number {
    return this.ctx.sizes.purchaseOrderChanges;
  }

  /** The order change request `id` is about. */
  orderOf(id: number): number {
    const order = this.templateOf(id) * ORDERS_PER_CHANGE;
    return Math.min(order, this.ctx.sizes.purchaseOrders);
  }

  baseCreatedAt(id: number): number {
    const delay = this.dice.at(id).range(1, 3 * DAY_MS, 20 * DAY_MS);
    return clampBaseTime(
      this.ctx.graph.orderCreatedAt(this.orderOf(id)) + delay,
    );
  }

  baseUpdatedAt(id: number): number {
    return this.ctx.graph.laterBaseTime(KIND, id, this.baseCreatedAt(id), 5);
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const zone = recordZone(this.dice.at(id));
    const order = this.orderOf(id);
    const graph = this.ctx.graph;
    const supplierId = graph.supplierOfOrder(order);
    const currencyId = this.suppliers.currencyOf(supplierId);
    const requester = this.users.simple(graph.requesterOfOrder(order));
    const created = formatCoupaDateTime(this.createdAt(id), zone);
    const updated = formatCoupaDateTime(updatedAt, zone);
    const count = Math.min(2, graph.orderLineCount(order));
    const lines: Record<string, unknown>[] = [];
    let total = 0;
    for (let slot = 0; slot < count; slot++) {
      const facts = this.facts.load(order, slot, 1 + version);
      const lineTotal = facts.priceCents * facts.quantity;
      total += lineTotal;
      lines.push({
        id: (id - 1) * LINE_CHANGE_STRIDE + slot + 1,
        "created-at": created,
        "updated-at": updated,
        "order-header-change-id": id,
        "order-line-id": (order - 1) * ORDER_LINE_STRIDE + slot + 1,
        "line-num": String(slot + 1),
        description: OrderLineFacts.itemName(facts.itemId),
        price: centsToDecimal(facts.priceCents),
        quantity: `${facts.quantity}.00`,
        total: centsToDecimal(lineTotal),
        "pending-delete": false,
        account: this.ctx.refs.account(facts.accountId),
        item: this.ctx.refs.item(facts.itemId),
        uom: this.ctx.refs.uom(facts.uomId),
      });
    }
    const dice = this.dice.at(id, version);
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
      "created-at": created,
      "updated-at": updated,
      "order-header-id": order,
      "po-number": PurchaseOrderModel.orderNumber(order),
      status: dice.pick(2, STATUSES),
      version: 2 + version,
      justification: dice.pick(3, [
        "Price update from supplier",
        "Quantity change",
        "Need-by date moved",
      ]),
      "lines-count": lines.length,
      "lines-pending-add-count": 0,
      "lines-pending-delete-count": 0,
      total: centsToDecimal(total),
      "supplier-initiated": dice.chance(4, 0.2),
      "pending-cancel": false,
      exported: false,
      "price-hidden": false,
      supplier: this.suppliers.ref(supplierId),
      currency: this.ctx.refs.currency(currencyId),
      requester,
      "created-by": requester,
      "updated-by": version > 0 ? this.users.simple(1) : requester,
      "order-line-changes": lines,
      "custom-fields": customFields,
    };
  }
}
