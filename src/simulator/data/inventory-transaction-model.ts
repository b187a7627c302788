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

const KIND = 51;

/**
 * Receipts (`/api/inventory_transactions`, type `InventoryReceipt`): one
 * per received order line of the base data. A receipt has the id of the
 * order line it receives (a sparse id space), and `order-line` points at
 * that line.
 */
export class InventoryTransactionModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly facts: OrderLineFacts;

  /**
   * @param ctx what the tenant's models share.
   * @param users audit users.
   * @param suppliers currency of the order's supplier.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
    private readonly suppliers: SupplierModel,
  ) {
    super("inventory_transactions", ctx.seed);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("receipts"));
    this.facts = new OrderLineFacts(ctx.seed, ctx.sizes);
  }

  baseMaxId(): number {
    return this.ctx.sizes.purchaseOrders * ORDER_LINE_STRIDE;
  }

  override baseExists(id: number): boolean {
    const order = orderOf(id);
    const slot = slotOf(id);
    const graph = this.ctx.graph;
    return (
      slot < graph.orderLineCount(order) && graph.lineReceived(order, slot)
    );
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.receivedAt(orderOf(id), slotOf(id));
  }

  baseUpdatedAt(id: number): number {
    return this.ctx.graph.laterBaseTime(KIND, id, this.baseCreatedAt(id), 3);
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const lineId = this.templateOf(id);
    const order = orderOf(lineId);
    const slot = slotOf(lineId);
    const zone = recordZone(this.dice.at(id));
    const facts = this.facts.load(order, slot, 0);
    const dice = this.dice.at(id, version);
    const quantity =
      version === 0 ? facts.quantity : 1 + dice.int(1, facts.quantity);
    const createdAt = this.createdAt(id);
    const currencyId = this.suppliers.currencyOf(
      this.ctx.graph.supplierOfOrder(order),
    );
    const receiver = this.users.simple(this.ctx.graph.requesterOfOrder(order));
    const exported = dice.chance(2, 0.6);
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
      "created-at": formatCoupaDateTime(createdAt, zone),
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      type: "InventoryReceipt",
      status: "created",
      "transaction-date": formatCoupaDateTime(createdAt, zone),
      quantity: `${quantity}.00`,
      price: centsToDecimal(facts.priceCents),
      total: centsToDecimal(facts.priceCents * quantity),
      "match-reference": `${PurchaseOrderModel.orderNumber(order)}-${slot + 1}-${id}`,
      barcode: null,
      exported,
      "last-exported-at": exported
        ? formatCoupaDateTime(updatedAt, zone)
        : null,
      "order-line": {
        id: lineId,
        "line-num": String(slot + 1),
        "order-header-id": order,
        "order-header-number": PurchaseOrderModel.orderNumber(order),
      },
      item: this.ctx.refs.item(facts.itemId),
      uom: this.ctx.refs.uom(facts.uomId),
      currency: this.ctx.refs.currency(currencyId),
      account: this.ctx.refs.account(facts.accountId),
      "created-by": receiver,
      "updated-by": version > 0 ? this.users.simple(1) : receiver,
      "custom-fields": customFields,
    };
  }
}

function orderOf(lineId: number): number {
  return Math.floor((lineId - 1) / ORDER_LINE_STRIDE) + 1;
}

function slotOf(lineId: number): number {
  return (lineId - 1) % ORDER_LINE_STRIDE;
}
