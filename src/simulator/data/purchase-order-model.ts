import { accountAllocations } from "./account-allocations.js";
import { DAY_MS } from "./base-timeline.js";
import { type CoupaZone, formatCoupaDateTime } from "./coupa-date-time.js";
import { centsToDecimal } from "./decimal-text.js";
import type { ModelContext } from "./model-context.js";
import { OrderLineFacts } from "./order-line-facts.js";
import { recordZone } from "./record-zone.js";
import { SeededDice } from "./seeded-dice.js";
import { liveSlots, StoredResource } from "./stored-resource.js";
import type { SupplierModel } from "./supplier-model.js";
import type { UserModel } from "./user-model.js";

const KIND = 21;
/** Order line slots per order; 1 to 5 exist in base data. */
export const ORDER_LINE_STRIDE = 8;
const CHANGED_STATUSES = ["issued", "issued", "closed", "soft_closed"];

/** Header facts every line of one order shares; reused, never kept. */
interface OrderHead {
  id: number;
  number: string;
  zone: CoupaZone;
  supplierId: number;
  currencyId: number;
  requesterId: number;
  requisitionId: number;
  createdAt: number;
  status: string;
}

/**
 * Purchase orders (`/api/purchase_orders`) with their `order-lines`.
 * Lines are built by `buildLine`, which `purchase_order_lines` serves as
 * well, so both show the same ids and values.
 */
export class PurchaseOrderModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly lineDice: SeededDice;
  private readonly facts: OrderLineFacts;
  private readonly head: OrderHead = {
    id: 0,
    number: "",
    zone: { standard: 0, summer: 0 },
    supplierId: 0,
    currencyId: 0,
    requesterId: 0,
    requisitionId: 0,
    createdAt: 0,
    status: "",
  };

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
    super("purchase_orders", ctx.seed, ORDER_LINE_STRIDE);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("purchase_orders"));
    this.lineDice = new SeededDice(ctx.seed, SeededDice.keyOf("order-lines"));
    this.facts = new OrderLineFacts(ctx.seed, ctx.sizes);
  }

  baseMaxId(): number {
    return this.ctx.sizes.purchaseOrders;
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.orderCreatedAt(id);
  }

  baseUpdatedAt(id: number): number {
    const open = this.ctx.graph.orderStatus(id) === "issued";
    const created = this.baseCreatedAt(id);
    return this.ctx.graph.laterBaseTime(KIND, id, created, open ? 10 : 50);
  }

  override baseLineCount(id: number): number {
    return this.ctx.graph.orderLineCount(id);
  }

  /** The order's number, e.g. `PO0001234`. */
  static orderNumber(id: number): string {
    return `PO${String(id).padStart(7, "0")}`;
  }

  /** Supplier of an order, base or inserted. */
  supplierOf(id: number): number {
    return this.ctx.graph.supplierOfOrder(this.templateOf(id));
  }

  build(id: number): Record<string, unknown> {
    const head = this.loadHead(id);
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const dice = this.dice.at(id, version);
    const exported = head.status === "closed" || dice.chance(1, 0.3);
    const lines: Record<string, unknown>[] = [];
    for (const slot of liveSlots(this.lineMask(id))) {
      lines.push(this.lineOf(head, slot));
    }
    const customFields: Record<string, unknown> = {
      "cf-project-code": dice.chance(2, 0.4) ? `PRJ-${id % 997}` : null,
      "cf-budget-owner": this.users.simple(head.requesterId).login,
    };
    this.ctx.customFields.fill(
      customFields,
      this.name,
      id,
      entry?.seq ?? 0,
      updatedAt,
      head.zone,
    );
    const requester = this.users.simple(head.requesterId);
    const baseVersion = 1 + (id % 3 === 0 ? 1 : 0);
    return {
      id,
      "created-at": formatCoupaDateTime(head.createdAt, head.zone),
      "updated-at": formatCoupaDateTime(updatedAt, head.zone),
      "po-number": head.number,
      status: head.status,
      type: "ExternalOrderHeader",
      version: baseVersion + version,
      "internal-revision": baseVersion + 1 + version,
      "change-type": version > 0 ? "revision" : null,
      "transmission-status": dice.chance(3, 0.6)
        ? "sent_via_email"
        : "sent_via_cxml",
      "transmission-method-override": "supplier_default",
      "payment-method": "invoice",
      "ship-to-attention": requester.fullname,
      "acknowledged-flag": dice.chance(4, 0.5),
      "price-hidden": false,
      "invoice-stop": false,
      classification: "supplier",
      exported,
      "last-exported-at": exported
        ? formatCoupaDateTime(head.createdAt + DAY_MS, head.zone)
        : null,
      supplier: this.suppliers.ref(head.supplierId),
      currency: this.ctx.refs.currency(head.currencyId),
      "payment-term": this.ctx.refs.paymentTerm(
        this.suppliers.paymentTermOf(head.supplierId),
      ),
      "ship-to-address": this.ctx.refs.address(
        1 + (head.requesterId % this.ctx.sizes.addresses),
      ),
      requester,
      "ship-to-user": requester,
      "requisition-header":
        head.requisitionId > 0 ? { id: head.requisitionId } : null,
      "created-by": requester,
      "updated-by": version > 0 ? this.users.simple(1) : requester,
      "order-lines": lines,
      "custom-fields": customFields,
      "custom-field-1": null,
      "custom-field-3": id % 5 === 0 ? "Capex" : null,
    };
  }

  /** Line `slot` of order `id`: the embedded line and the standalone one. */
  buildLine(id: number, slot: number): Record<string, unknown> {
    return this.lineOf(this.loadHead(id), slot);
  }

  private loadHead(id: number): OrderHead {
    const head = this.head;
    const template = this.templateOf(id);
    const entry = this.store.get(id);
    head.id = id;
    head.number = PurchaseOrderModel.orderNumber(id);
    head.zone = recordZone(this.dice.at(id));
    head.supplierId = this.ctx.graph.supplierOfOrder(template);
    head.currencyId = this.suppliers.currencyOf(head.supplierId);
    head.requesterId = this.ctx.graph.requesterOfOrder(template);
    head.requisitionId =
      id <= this.baseMaxId() ? this.ctx.graph.requisitionOfOrder(id) : 0;
    head.createdAt = this.createdAt(id);
    head.status =
      entry === undefined || entry.version === 0
        ? entry?.inserted
          ? "issued"
          : this.ctx.graph.orderStatus(id)
        : this.dice.at(id, entry.version).pick(9, CHANGED_STATUSES);
    return head;
  }

  private lineOf(head: OrderHead, slot: number): Record<string, unknown> {
    const id = head.id;
    const lineId = (id - 1) * ORDER_LINE_STRIDE + slot + 1;
    const change = this.lineChange(id, slot);
    const version = change?.version ?? 0;
    const facts = this.facts.load(id, slot, version);
    const total = facts.priceCents * facts.quantity;
    const created = formatCoupaDateTime(
      this.lineCreatedAt(id, slot),
      head.zone,
    );
    const updatedAt = this.lineUpdatedAt(id, slot);
    const updated = formatCoupaDateTime(updatedAt, head.zone);
    const base = id <= this.baseMaxId() && slot < this.baseLineCount(id);
    const received = base && this.ctx.graph.lineReceived(id, slot);
    const refs = this.ctx.refs;
    const dice = this.lineDice.at(lineId, version);
    const customFields: Record<string, unknown> = {};
    this.ctx.customFields.fill(
      customFields,
      "purchase_order_lines",
      lineId,
      this.lineSeq(id, slot),
      updatedAt,
      head.zone,
    );
    return {
      id: lineId,
      "created-at": created,
      "updated-at": updated,
      "line-num": String(slot + 1),
      "order-header-id": id,
      "order-header-number": head.number,
      description: OrderLineFacts.itemName(facts.itemId),
      type: "OrderQuantityLine",
      status: received ? "received" : "created",
      version: 1 + version,
      price: centsToDecimal(facts.priceCents),
      quantity: `${facts.quantity}.00`,
      total: centsToDecimal(total),
      "accounting-total": centsToDecimal(total),
      "receipt-required": facts.receiptRequired,
      "match-type": facts.receiptRequired ? "3-way" : "2-way",
      "need-by-date": formatCoupaDateTime(
        head.createdAt + facts.needByDays * DAY_MS,
        head.zone,
      ),
      "requisition-line-id":
        base && head.requisitionId > 0
          ? String((head.requisitionId - 1) * ORDER_LINE_STRIDE + slot + 1)
          : null,
      "source-part-num": `SKU-${facts.itemId}`,
      "invoice-stop": false,
      account: refs.account(facts.accountId),
      commodity: refs.commodity(facts.commodityId),
      currency: refs.currency(head.currencyId),
      department: refs.department(1 + Math.floor((facts.accountId - 1) / 4)),
      item: refs.item(facts.itemId),
      uom: refs.uom(facts.uomId),
      supplier: this.suppliers.ref(head.supplierId),
      "account-allocations": accountAllocations(
        lineId,
        total,
        facts.accountId,
        dice,
        refs,
        this.ctx.sizes.accounts,
        created,
        updated,
      ),
      "custom-fields": customFields,
    };
  }
}
