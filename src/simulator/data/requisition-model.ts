import { DAY_MS } from "./base-timeline.js";
import { formatCoupaDateTime } from "./coupa-date-time.js";
import { centsToDecimal } from "./decimal-text.js";
import type { ModelContext } from "./model-context.js";
import { OrderLineFacts } from "./order-line-facts.js";
import { ORDER_LINE_STRIDE } from "./purchase-order-model.js";
import { recordZone } from "./record-zone.js";
import { REFERENCE_TABLES } from "./reference-tables.js";
import { SeededDice } from "./seeded-dice.js";
import { liveSlots, StoredResource } from "./stored-resource.js";
import type { SupplierModel } from "./supplier-model.js";
import type { UserModel } from "./user-model.js";
import { WORD_LISTS } from "./word-lists.js";

const KIND = 41;
const OPEN_STATUSES = [
  "draft",
  "cart",
  "pending_approval",
  "pending_approval",
  "pending_buyer_action",
  "approved",
];
const CLOSED_UNORDERED = ["abandoned", "withdrawn"];
/** Requisition statuses that went through approval. */
export const APPROVED_REQUISITION_STATUSES: ReadonlySet<string> = new Set([
  "pending_approval",
  "pending_buyer_action",
  "approved",
  "ordered",
  "partially_received",
  "received",
]);

/**
 * Requisitions (`/api/requisitions`) with `requisition-lines`. Eight of
 * nine were ordered: their lines mirror the order's lines (same item,
 * price, quantity) and point at them with `order-line-id`; line ids use
 * the same slot scheme as order lines.
 */
export class RequisitionModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly facts: OrderLineFacts;

  /**
   * @param ctx what the tenant's models share.
   * @param users source of embedded users.
   * @param suppliers source of embedded suppliers and their currency.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
    private readonly suppliers: SupplierModel,
  ) {
    super("requisitions", ctx.seed, ORDER_LINE_STRIDE);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("requisitions"));
    this.facts = new OrderLineFacts(ctx.seed, ctx.sizes);
  }

  baseMaxId(): number {
    return this.ctx.sizes.requisitions;
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.requisitionCreatedAt(id);
  }

  baseUpdatedAt(id: number): number {
    const ordered = this.orderOf(id) > 0;
    const days = ordered ? 40 : 15;
    return this.ctx.graph.laterBaseTime(KIND, id, this.baseCreatedAt(id), days);
  }

  override baseLineCount(id: number): number {
    const order = this.orderOf(id);
    if (order > 0) return this.ctx.graph.orderLineCount(order);
    return this.dice.at(id).range(1, 1, 4);
  }

  /** The order a requisition became; 0 for unordered or inserted ones. */
  orderOf(id: number): number {
    return id <= this.baseMaxId() ? this.ctx.graph.orderOfRequisition(id) : 0;
  }

  /** Status of a base requisition, ignoring stored changes. */
  baseStatus(id: number): string {
    const graph = this.ctx.graph;
    const order = this.orderOf(id);
    const dice = this.dice.at(id);
    if (order === 0) {
      const old = graph.ageOf(this.baseCreatedAt(id)) > 0.05;
      return dice.pick(2, old ? CLOSED_UNORDERED : OPEN_STATUSES);
    }
    const orderStatus = graph.orderStatus(order);
    if (orderStatus === "closed" || orderStatus === "soft_closed") {
      return "received";
    }
    return graph.lineReceived(order, 0) ? "partially_received" : "ordered";
  }

  /** Requester of a requisition (the same person as on its order). */
  requesterOf(id: number): number {
    const order = this.orderOf(id);
    if (order > 0) return this.ctx.graph.requesterOfOrder(order);
    return 1 + this.dice.at(this.templateOf(id)).int(3, this.ctx.sizes.users);
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const zone = recordZone(this.dice.at(id));
    const order = this.orderOf(id);
    const supplierId =
      order > 0
        ? this.ctx.graph.supplierOfOrder(order)
        : 1 + this.dice.at(id).int(4, this.ctx.sizes.suppliers);
    const currencyId = this.suppliers.currencyOf(supplierId);
    const status = this.statusOf(id, order, version, entry?.inserted === true);
    const requester = this.users.simple(this.requesterOf(id));
    const createdAt = this.createdAt(id);
    const untouched = formatCoupaDateTime(
      entry === undefined ? updatedAt : this.untouchedLineUpdatedAt(id),
      zone,
    );
    const created = formatCoupaDateTime(createdAt, zone);
    const lines: Record<string, unknown>[] = [];
    let total = 0;
    for (const slot of liveSlots(this.lineMask(id))) {
      const change = this.lineChange(id, slot);
      const factsKey = order > 0 ? order : this.ctx.sizes.purchaseOrders + id;
      const facts = this.facts.load(factsKey, slot, change?.version ?? 0);
      const lineTotal = facts.priceCents * facts.quantity;
      total += lineTotal;
      const linked = order > 0 && slot < this.ctx.graph.orderLineCount(order);
      lines.push({
        id: (id - 1) * ORDER_LINE_STRIDE + slot + 1,
        "created-at": change
          ? formatCoupaDateTime(change.createdAt, zone)
          : created,
        "updated-at": change
          ? formatCoupaDateTime(change.updatedAt, zone)
          : untouched,
        "line-num": slot + 1,
        "line-type": "RequisitionQuantityLine",
        description: OrderLineFacts.itemName(facts.itemId),
        status: linked ? "ordered" : status,
        quantity: `${facts.quantity}.00`,
        "unit-price": centsToDecimal(facts.priceCents),
        total: centsToDecimal(lineTotal),
        "need-by-date": formatCoupaDateTime(
          createdAt + facts.needByDays * DAY_MS,
          zone,
        ),
        "receipt-required": facts.receiptRequired,
        "order-line-id": linked
          ? (order - 1) * ORDER_LINE_STRIDE + slot + 1
          : null,
        "source-part-num": `SKU-${facts.itemId}`,
        account: this.ctx.refs.account(facts.accountId),
        commodity: this.ctx.refs.commodity(facts.commodityId),
        currency: this.ctx.refs.currency(currencyId),
        item: this.ctx.refs.item(facts.itemId),
        uom: this.ctx.refs.uom(facts.uomId),
        supplier: this.suppliers.ref(supplierId),
      });
    }
    const dice = this.dice.at(id, version);
    const customFields: Record<string, unknown> = {
      "cf-business-justification": dice.pick(5, WORD_LISTS.justifications),
    };
    this.ctx.customFields.fill(
      customFields,
      this.name,
      id,
      entry?.seq ?? 0,
      updatedAt,
      zone,
    );
    const submitted = status !== "draft" && status !== "cart";
    return {
      id,
      "created-at": created,
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      status,
      "req-title": `${requester.fullname} - ${(lines[0]?.description as string | undefined) ?? "Request"}`,
      justification: dice.pick(6, WORD_LISTS.justifications),
      "submitted-at": submitted
        ? formatCoupaDateTime(createdAt + 3_600_000, zone)
        : null,
      "need-by-date": formatCoupaDateTime(createdAt + 14 * DAY_MS, zone),
      total: centsToDecimal(total),
      currency: REFERENCE_TABLES.currencies[currencyId - 1]?.[0] ?? "USD",
      "line-count": lines.length,
      exported: status === "received" && dice.chance(7, 0.5),
      "ship-to-attention": requester.fullname,
      "price-hidden": false,
      "external-po-reference": null,
      requester,
      "requested-by": requester,
      "created-by": requester,
      "updated-by": version > 0 ? this.users.simple(1) : requester,
      department: this.ctx.refs.department(
        this.users.departmentOf(requester.id as number),
      ),
      "ship-to-address": this.ctx.refs.address(
        1 + ((requester.id as number) % this.ctx.sizes.addresses),
      ),
      "requisition-lines": lines,
      "custom-fields": customFields,
    };
  }

  private statusOf(
    id: number,
    order: number,
    version: number,
    inserted: boolean,
  ): string {
    if (version === 0)
      return inserted ? "pending_approval" : this.baseStatus(id);
    if (order > 0) return this.baseStatus(id);
    return this.dice.at(id, version).pick(8, OPEN_STATUSES);
  }
}
