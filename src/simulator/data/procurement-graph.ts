import { BASE_TIMELINE, clampBaseTime, DAY_MS } from "./base-timeline.js";
import { SeededDice } from "./seeded-dice.js";
import type { TenantSizes } from "./tenant-sizes.js";

const DOCUMENT_SPAN = BASE_TIMELINE.documentsTo - BASE_TIMELINE.documentsFrom;
const MASTER_SPAN = BASE_TIMELINE.masterDataTo - BASE_TIMELINE.masterDataFrom;

/** Base status of a purchase order, by age. */
export type OrderStatus = "closed" | "soft_closed" | "issued" | "buyer_hold";

/**
 * How the purchase-to-pay documents of the base data hang together, as
 * pure functions of ids: requisition → purchase order → receipts and
 * invoices. Order p is created at a time increasing with p; requisition
 * r = p + ⌊(p − 1) / 8⌋ ordered it (every 9th requisition was never
 * ordered); invoices map onto orders monotonically (1.25 per order).
 */
export class ProcurementGraph {
  private readonly dice: SeededDice;

  /**
   * @param seed the tenant's seed.
   * @param sizes record counts of the tenant.
   */
  constructor(
    seed: number,
    readonly sizes: TenantSizes,
  ) {
    this.dice = new SeededDice(seed, SeededDice.keyOf("graph"));
  }

  /** Creation instant of master data record `id` of `count`. */
  masterCreatedAt(kind: number, id: number, count: number): number {
    const share = (id - 1) / Math.max(1, count);
    const jitter = this.dice.at(id, kind).int(0, DAY_MS);
    return second(BASE_TIMELINE.masterDataFrom + share * MASTER_SPAN + jitter);
  }

  /** A base `updated-at` at most `maxDays` after `createdAt`. */
  laterBaseTime(kind: number, id: number, createdAt: number, maxDays: number) {
    const delay = this.dice.at(id, kind).int(1, maxDays * DAY_MS);
    return clampBaseTime(createdAt + delay);
  }

  /** Creation instant of purchase order p. */
  orderCreatedAt(p: number): number {
    const share = (p - 1) / this.sizes.purchaseOrders;
    const jitter = this.dice.at(p, 1).int(0, DAY_MS / 2);
    return second(BASE_TIMELINE.documentsFrom + share * DOCUMENT_SPAN + jitter);
  }

  /** 0 for documents created at the end of the base period, 1 at its start. */
  ageOf(createdAt: number): number {
    const age = (BASE_TIMELINE.documentsTo - createdAt) / DOCUMENT_SPAN;
    return Math.min(1, Math.max(0, age));
  }

  /** Supplier of order p: a few suppliers get most of the spend. */
  supplierOfOrder(p: number): number {
    const u = this.dice.at(p, 2).unit(0);
    return 1 + Math.floor(u * u * this.sizes.suppliers);
  }

  /** Requester of order p (and of its requisition). */
  requesterOfOrder(p: number): number {
    return 1 + this.dice.at(p, 3).int(0, this.sizes.users);
  }

  /** Number of lines order p was created with: 1 to 5, about 3. */
  orderLineCount(p: number): number {
    return this.dice.at(p, 4).range(0, 1, 5);
  }

  /** Base status of order p: older orders are mostly closed. */
  orderStatus(p: number): OrderStatus {
    const age = this.ageOf(this.orderCreatedAt(p));
    const u = this.dice.at(p, 5).unit(0);
    if (age > 0.1)
      return u < 0.8 ? "closed" : u < 0.95 ? "soft_closed" : "issued";
    return u < 0.92 ? "issued" : "buyer_hold";
  }

  /** Whether line `slot` of order p was received (one receipt each). */
  lineReceived(p: number, slot: number): boolean {
    const status = this.orderStatus(p);
    if (status === "buyer_hold") return false;
    const chance = status === "issued" ? 0.45 : 0.9;
    return this.dice.at(p, 6).chance(slot, chance);
  }

  /** When line `slot` of order p was received. */
  receivedAt(p: number, slot: number): number {
    const delay = this.dice.at(p, 7).range(slot, DAY_MS, 25 * DAY_MS);
    return clampBaseTime(this.orderCreatedAt(p) + delay);
  }

  /** The requisition that ordered p. */
  requisitionOfOrder(p: number): number {
    return p + Math.floor((p - 1) / 8);
  }

  /** The order requisition r became, or 0 when it was never ordered. */
  orderOfRequisition(r: number): number {
    if (r % 9 === 0) return 0;
    const p = r - Math.floor(r / 9);
    return p <= this.sizes.purchaseOrders ? p : 0;
  }

  /** The order invoice i bills (base invoices only). */
  orderOfInvoice(i: number): number {
    const { invoices, purchaseOrders } = this.sizes;
    const p = 1 + Math.floor(((i - 1) * purchaseOrders) / invoices);
    return Math.min(purchaseOrders, p);
  }

  /** Creation instant of invoice i: 2 to 40 days after its order. */
  invoiceCreatedAt(i: number): number {
    const delay = this.dice.at(i, 8).range(0, 2 * DAY_MS, 40 * DAY_MS);
    return second(this.orderCreatedAt(this.orderOfInvoice(i)) + delay);
  }

  /** Creation instant of an unordered requisition r. */
  requisitionCreatedAt(r: number): number {
    const p = this.orderOfRequisition(r);
    const lead = this.dice.at(r, 9).range(0, DAY_MS / 4, 5 * DAY_MS);
    if (p > 0) return second(this.orderCreatedAt(p) - lead);
    const share = (r - 1) / this.sizes.requisitions;
    return second(BASE_TIMELINE.documentsFrom + share * DOCUMENT_SPAN + lead);
  }
}

function second(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
