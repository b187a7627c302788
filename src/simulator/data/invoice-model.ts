import { accountAllocations } from "./account-allocations.js";
import { BASE_TIMELINE, clampBaseTime, DAY_MS } from "./base-timeline.js";
import { type CoupaZone, formatCoupaDateTime } from "./coupa-date-time.js";
import { centsToDecimal } from "./decimal-text.js";
import type { ModelContext } from "./model-context.js";
import { OrderLineFacts } from "./order-line-facts.js";
import {
  ORDER_LINE_STRIDE,
  PurchaseOrderModel,
} from "./purchase-order-model.js";
import { recordZone } from "./record-zone.js";
import { paymentTermRow } from "./reference-names.js";
import { SeededDice } from "./seeded-dice.js";
import { liveSlots, StoredResource } from "./stored-resource.js";
import type { SupplierModel } from "./supplier-model.js";
import type { UserModel } from "./user-model.js";

const KIND = 31;
/** Invoice line slots per invoice; 1 to 9 exist in base data. */
const INVOICE_LINE_STRIDE = 16;
const TAX_BASIS_POINTS = [0, 500, 725, 825, 1900, 2000];
const RECENT_STATUSES = [
  "pending_approval",
  "pending_approval",
  "pending_approval",
  "approved",
  "approved",
  "on_hold",
  "pending_receipt",
  "new",
  "draft",
];
const CHANGED_STATUSES = [
  "approved",
  "approved",
  "pending_approval",
  "on_hold",
  "disputed",
];
const CHANNELS = [
  "coupa_supplier_portal",
  "cxml",
  "email",
  "supplier_actionable_notification",
];

/** What an invoice header is made of; reused, never kept. */
export interface InvoiceHead {
  id: number;
  orderId: number;
  supplierId: number;
  currencyId: number;
  requesterId: number;
  termId: number;
  taxBasisPoints: number;
  zone: CoupaZone;
  createdAt: number;
  invoiceDate: number;
  status: string;
  paid: boolean;
  paymentDate: number;
}

/**
 * Invoices (`/api/invoices`): each bills one purchase order of the same
 * supplier and currency; every invoice line points at a line of that
 * order (`order-line-id`, `po-number`) at the order's unit price. Paid
 * invoices embed their payment. Header totals are sums of the lines.
 */
export class InvoiceModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly lineDice: SeededDice;
  private readonly facts: OrderLineFacts;
  private readonly head: InvoiceHead = emptyHead();
  private readonly timingHead: InvoiceHead = emptyHead();
  private lineTotal = 0;
  private lineTax = 0;

  /**
   * @param ctx what the tenant's models share.
   * @param users source of embedded users.
   * @param suppliers source of embedded suppliers and remit-to addresses.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
    private readonly suppliers: SupplierModel,
  ) {
    super("invoices", ctx.seed, INVOICE_LINE_STRIDE);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("invoices"));
    this.lineDice = new SeededDice(ctx.seed, SeededDice.keyOf("invoice-lines"));
    this.facts = new OrderLineFacts(ctx.seed, ctx.sizes);
  }

  baseMaxId(): number {
    return this.ctx.sizes.invoices;
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.invoiceCreatedAt(id);
  }

  baseUpdatedAt(id: number): number {
    const head = this.loadBaseHead(id, this.timingHead);
    if (head.paid) {
      const delay = this.dice.at(id).int(2, 2 * DAY_MS);
      return clampBaseTime(head.paymentDate + delay);
    }
    return this.ctx.graph.laterBaseTime(KIND, id, head.createdAt, 10);
  }

  override baseLineCount(id: number): number {
    return this.dice.at(id).range(3, 1, 9);
  }

  /**
   * Header facts of a base invoice (ignoring stored changes), e.g. for
   * its approvals. The object is reused by the next call.
   */
  loadBaseHead(id: number, head: InvoiceHead = this.head): InvoiceHead {
    const graph = this.ctx.graph;
    const template = this.templateOf(id);
    const dice = this.dice.at(id);
    head.id = id;
    head.orderId = graph.orderOfInvoice(template);
    head.supplierId = graph.supplierOfOrder(head.orderId);
    head.currencyId = this.suppliers.currencyOf(head.supplierId);
    head.requesterId = graph.requesterOfOrder(head.orderId);
    head.termId = this.suppliers.paymentTermOf(head.supplierId);
    head.taxBasisPoints =
      TAX_BASIS_POINTS[head.supplierId % TAX_BASIS_POINTS.length] ?? 0;
    head.zone = recordZone(dice);
    head.createdAt = this.baseCreatedAt(template === id ? id : template);
    head.invoiceDate = head.createdAt - dice.int(4, 3 * DAY_MS);
    this.baseStatus(head, dice);
    return head;
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const updatedAt = this.updatedAt(id);
    const linesUpdatedAt =
      entry === undefined ? updatedAt : this.untouchedLineUpdatedAt(id);
    const head = this.loadHead(id);
    const version = entry?.version ?? 0;
    const zone = head.zone;
    const stamps = [
      formatCoupaDateTime(head.createdAt, zone),
      formatCoupaDateTime(linesUpdatedAt, zone),
    ] as const;
    const dice = this.dice.at(id, version);
    const orderNumber = PurchaseOrderModel.orderNumber(head.orderId);
    const lines: Record<string, unknown>[] = [];
    let net = 0;
    let tax = 0;
    for (const slot of liveSlots(this.lineMask(id))) {
      const line = this.lineOf(head, slot, orderNumber, stamps);
      net += this.lineTotal;
      tax += this.lineTax;
      lines.push(line);
    }
    const gross = centsToDecimal(net + tax);
    const exported =
      head.paid || (head.status === "approved" && dice.chance(1, 0.5));
    const customFields: Record<string, unknown> = {
      "cf-erp-invoice-number": exported ? `ERP-${900000 + id}` : null,
      "cf-cost-center": dice.chance(2, 0.6)
        ? `CC-${100 + (id % 12) * 10}`
        : null,
    };
    this.ctx.customFields.fill(
      customFields,
      this.name,
      id,
      entry?.seq ?? 0,
      updatedAt,
      zone,
    );
    const requester = this.users.simple(head.requesterId);
    const clerk = this.users.simple(1 + ((id * 7) % this.ctx.sizes.users));
    const netDays = paymentTermRow(head.termId)[2] as number;
    return {
      id,
      "created-at": formatCoupaDateTime(head.createdAt, zone),
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      "invoice-number": `${supplierPrefix(head.supplierId)}-${100000 + id}`,
      "invoice-date": formatCoupaDateTime(head.invoiceDate, zone),
      "date-received": formatCoupaDateTime(head.createdAt, zone),
      "net-due-date": formatCoupaDateTime(
        head.invoiceDate + netDays * DAY_MS,
        zone,
      ),
      status: head.status,
      "document-type": "Invoice",
      "is-credit-note": false,
      channel: CHANNELS[head.supplierId % CHANNELS.length],
      "line-level-taxation": false,
      "gross-total": gross,
      "total-with-taxes": gross,
      "tax-amount": centsToDecimal(tax),
      "tax-rate": head.taxBasisPoints / 100,
      "shipping-amount": "0.00",
      "handling-amount": "0.00",
      "misc-amount": "0.00",
      "amount-due": head.paid ? "0.00" : gross,
      paid: head.paid,
      "payment-date": head.paid
        ? formatCoupaDateTime(head.paymentDate, zone)
        : null,
      "payment-notes": head.paid ? "Paid by ACH" : null,
      exported,
      "last-exported-at": exported
        ? formatCoupaDateTime(updatedAt, zone)
        : null,
      comments:
        version > 0
          ? dice.pick(3, ["Price corrected", "Resubmitted", null])
          : null,
      "supplier-note": null,
      supplier: this.suppliers.ref(head.supplierId),
      currency: this.ctx.refs.currency(head.currencyId),
      "payment-term": this.ctx.refs.paymentTerm(head.termId),
      "remit-to-address": this.suppliers.remitToRef(head.supplierId),
      "ship-to-address": this.ctx.refs.address(
        1 + (head.requesterId % this.ctx.sizes.addresses),
      ),
      "bill-to-address": this.ctx.refs.address(1),
      "requested-by": requester,
      "created-by": clerk,
      "updated-by": version > 0 ? this.users.simple(1) : clerk,
      "invoice-lines": lines,
      payments: head.paid ? [this.payment(head, net + tax, updatedAt)] : [],
      "custom-fields": customFields,
      "custom-field-1": null,
      "custom-field-2": head.paid ? "ACH" : null,
    };
  }

  private loadHead(id: number): InvoiceHead {
    const head = this.loadBaseHead(id);
    const entry = this.store.get(id);
    if (entry === undefined) return head;
    if (entry.inserted) head.createdAt = entry.createdAt;
    if (entry.inserted) head.invoiceDate = entry.createdAt;
    if (entry.version === 0) {
      head.status = "new";
      head.paid = false;
      return head;
    }
    const dice = this.dice.at(id, entry.version);
    head.status = dice.pick(5, CHANGED_STATUSES);
    head.paid = head.status === "approved" && dice.chance(6, 0.5);
    head.paymentDate = entry.updatedAt;
    return head;
  }

  private baseStatus(head: InvoiceHead, dice: SeededDice): void {
    const netDays = paymentTermRow(head.termId)[2] as number;
    const due = head.invoiceDate + Math.max(5, netDays) * DAY_MS;
    head.paymentDate = Math.max(
      head.createdAt + DAY_MS,
      due - dice.int(5, 4 * DAY_MS),
    );
    head.paid = false;
    const u = dice.unit(6);
    const settled = head.paymentDate + 3 * DAY_MS < BASE_TIMELINE.updatedBefore;
    if (u < 0.02) head.status = "voided";
    else if (u < 0.04) head.status = "disputed";
    else if (settled && this.ctx.graph.ageOf(head.createdAt) > 0.03) {
      head.status = "approved";
      head.paid = dice.chance(7, 0.97);
    } else head.status = dice.pick(8, RECENT_STATUSES);
  }

  private lineOf(
    head: InvoiceHead,
    slot: number,
    orderNumber: string,
    stamps: readonly [string, string],
  ): Record<string, unknown> {
    const id = head.id;
    const lineId = (id - 1) * INVOICE_LINE_STRIDE + slot + 1;
    const change = this.lineChange(id, slot);
    const version = change?.version ?? 0;
    const orderSlot = slot % this.ctx.graph.orderLineCount(head.orderId);
    const facts = this.facts.load(head.orderId, orderSlot, 0);
    const dice = this.lineDice.at(lineId, version);
    const quantity = 1 + dice.int(0, facts.quantity);
    const total = facts.priceCents * quantity;
    const tax = Math.round((total * head.taxBasisPoints) / 10_000);
    this.lineTotal = total;
    this.lineTax = tax;
    const created = change
      ? formatCoupaDateTime(change.createdAt, head.zone)
      : stamps[0];
    const updated = change
      ? formatCoupaDateTime(change.updatedAt, head.zone)
      : stamps[1];
    const refs = this.ctx.refs;
    return {
      id: lineId,
      "created-at": created,
      "updated-at": updated,
      "line-num": slot + 1,
      description: OrderLineFacts.itemName(facts.itemId),
      type: "InvoiceQuantityLine",
      status: head.status,
      price: centsToDecimal(facts.priceCents),
      quantity: `${quantity}.00`,
      total: centsToDecimal(total),
      "accounting-total": centsToDecimal(total),
      "tax-amount": centsToDecimal(tax),
      "tax-rate": (head.taxBasisPoints / 100).toFixed(2),
      "order-line-id": (head.orderId - 1) * ORDER_LINE_STRIDE + orderSlot + 1,
      "order-line-num": String(orderSlot + 1),
      "po-number": orderNumber,
      "order-header-num": orderNumber,
      "source-part-num": `SKU-${facts.itemId}`,
      account: refs.account(facts.accountId),
      commodity: refs.commodity(facts.commodityId),
      currency: refs.currency(head.currencyId),
      item: refs.item(facts.itemId),
      uom: refs.uom(facts.uomId),
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
    };
  }

  private payment(
    head: InvoiceHead,
    cents: number,
    updatedAt: number,
  ): Record<string, unknown> {
    const at = formatCoupaDateTime(
      Math.min(head.paymentDate, updatedAt),
      head.zone,
    );
    return {
      id: head.id,
      "amount-paid": centsToDecimal(cents),
      "payment-date": at,
      "check-number": `ACH${String(head.id).padStart(8, "0")}`,
      notes: null,
      "payable-type": "InvoiceHeader",
      "payable-id": head.id,
      "created-at": at,
      "updated-at": at,
    };
  }
}

function supplierPrefix(supplierId: number): string {
  return `S${supplierId}`;
}

function emptyHead(): InvoiceHead {
  return {
    id: 0,
    orderId: 0,
    supplierId: 0,
    currencyId: 0,
    requesterId: 0,
    termId: 0,
    taxBasisPoints: 0,
    zone: { standard: 0, summer: 0 },
    createdAt: 0,
    invoiceDate: 0,
    status: "",
    paid: false,
    paymentDate: 0,
  };
}
