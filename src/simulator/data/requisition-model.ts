import { DAY_MS } from "./base-timeline.js";
import { type CoupaZone, formatCoupaDateTime } from "./coupa-date-time.js";
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

/** What the lines of one requisition share; reused, never kept. */
interface RequisitionHead {
  id: number;
  order: number;
  zone: CoupaZone;
  supplierId: number;
  currencyId: number;
  createdAt: number;
  created: string;
  untouched: string;
}
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
  private lineTotal = 0;
  private readonly head: RequisitionHead = {
    id: 0,
    order: 0,
    zone: { standard: 0, summer: 0 },
    supplierId: 0,
    currencyId: 0,
    createdAt: 0,
    created: "",
    untouched: "",
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
    const head = this.loadHead(id, entry === undefined ? updatedAt : 0);
    const status = this.statusOf(id, head.order, version, !!entry?.inserted);
    const requester = this.users.simple(this.requesterOf(id));

    const lines: Record<string, unknown>[] = [];
    let total = 0;
    for (const slot of liveSlots(this.lineMask(id))) {
      lines.push(this.lineOf(head, slot, status));
      total += this.lineTotal;
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
      head.zone,
    );
    const submitted = status !== "draft" && status !== "cart";
    const firstItem = lines[0]?.description ?? "Request";
    return {
      id,
      "created-at": head.created,
      "updated-at": formatCoupaDateTime(updatedAt, head.zone),
      status,
      "req-title": `${requester.fullname} - ${firstItem}`,
      justification: dice.pick(6, WORD_LISTS.justifications),
      "submitted-at": submitted
        ? formatCoupaDateTime(head.createdAt + 3_600_000, head.zone)
        : null,
      "need-by-date": formatCoupaDateTime(
        head.createdAt + 14 * DAY_MS,
        head.zone,
      ),
      total: centsToDecimal(total),
      currency: REFERENCE_TABLES.currencies[head.currencyId - 1]?.[0] ?? "USD",
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

  /**
   * Header facts the lines share. `untouchedUpdatedAt` is the record's
   * updated-at when it has no stored change (saves computing it twice).
   */
  private loadHead(id: number, untouchedUpdatedAt: number): RequisitionHead {
    const head = this.head;
    const order = this.orderOf(id);
    head.id = id;
    head.order = order;
    head.zone = recordZone(this.dice.at(id));
    head.supplierId =
      order > 0
        ? this.ctx.graph.supplierOfOrder(order)
        : 1 + this.dice.at(id).int(4, this.ctx.sizes.suppliers);
    head.currencyId = this.suppliers.currencyOf(head.supplierId);
    head.createdAt = this.createdAt(id);
    head.created = formatCoupaDateTime(head.createdAt, head.zone);
    head.untouched = formatCoupaDateTime(
      untouchedUpdatedAt || this.untouchedLineUpdatedAt(id),
      head.zone,
    );
    return head;
  }

  /** Line `slot`; leaves its total in `lineTotal`. */
  private lineOf(
    head: RequisitionHead,
    slot: number,
    status: string,
  ): Record<string, unknown> {
    const { id, order, zone } = head;
    const change = this.lineChange(id, slot);
    const factsKey = order > 0 ? order : this.ctx.sizes.purchaseOrders + id;
    const facts = this.facts.load(factsKey, slot, change?.version ?? 0);
    this.lineTotal = facts.priceCents * facts.quantity;
    const linked = order > 0 && slot < this.ctx.graph.orderLineCount(order);
    const refs = this.ctx.refs;
    return {
      id: (id - 1) * ORDER_LINE_STRIDE + slot + 1,
      "created-at": change
        ? formatCoupaDateTime(change.createdAt, zone)
        : head.created,
      "updated-at": change
        ? formatCoupaDateTime(change.updatedAt, zone)
        : head.untouched,
      "line-num": slot + 1,
      "line-type": "RequisitionQuantityLine",
      description: OrderLineFacts.itemName(facts.itemId),
      status: linked ? "ordered" : status,
      quantity: `${facts.quantity}.00`,
      "unit-price": centsToDecimal(facts.priceCents),
      total: centsToDecimal(this.lineTotal),
      "need-by-date": formatCoupaDateTime(
        head.createdAt + facts.needByDays * DAY_MS,
        zone,
      ),
      "receipt-required": facts.receiptRequired,
      "order-line-id": linked
        ? (order - 1) * ORDER_LINE_STRIDE + slot + 1
        : null,
      "source-part-num": `SKU-${facts.itemId}`,
      account: refs.account(facts.accountId),
      commodity: refs.commodity(facts.commodityId),
      currency: refs.currency(head.currencyId),
      item: refs.item(facts.itemId),
      uom: refs.uom(facts.uomId),
      supplier: this.suppliers.ref(head.supplierId),
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
