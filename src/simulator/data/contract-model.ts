import { DAY_MS } from "./base-timeline.js";
import { formatCoupaDateTime } from "./coupa-date-time.js";
import { centsToDecimal } from "./decimal-text.js";
import type { ModelContext } from "./model-context.js";
import { recordZone } from "./record-zone.js";
import { SeededDice } from "./seeded-dice.js";
import { StoredResource } from "./stored-resource.js";
import { type SupplierModel, supplierName } from "./supplier-model.js";
import type { UserModel } from "./user-model.js";

const KIND = 71;
const STATUSES = ["published", "published", "published", "expired", "draft"];

/** Contracts (`/api/contracts`): master agreements with suppliers. */
export class ContractModel extends StoredResource {
  private readonly dice: SeededDice;

  /**
   * @param ctx what the tenant's models share.
   * @param users contract owners and audit users.
   * @param suppliers the contracting suppliers.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
    private readonly suppliers: SupplierModel,
  ) {
    super("contracts", ctx.seed);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("contracts"));
  }

  baseMaxId(): number {
    return this.ctx.sizes.contracts;
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.masterCreatedAt(KIND, id, this.ctx.sizes.contracts);
  }

  baseUpdatedAt(id: number): number {
    return this.ctx.graph.laterBaseTime(KIND, id, this.baseCreatedAt(id), 400);
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const createdAt = this.createdAt(id);
    const zone = recordZone(this.dice.at(id));
    const supplierId = 1 + ((id * 7) % this.ctx.sizes.suppliers);
    const dice = this.dice.at(id, version);
    const owner = this.users.simple(1 + ((id * 13) % this.ctx.sizes.users));
    const start = createdAt + 14 * DAY_MS;
    const amendment = id % 10 === 0;
    const customFields: Record<string, unknown> = {
      "cf-legal-entity": dice.pick(1, ["US Inc.", "EU GmbH", "UK Ltd"]),
    };
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
      name: `${supplierName(supplierId)} Agreement ${id}`,
      number: `CTR-${String(id).padStart(6, "0")}`,
      type: amendment ? "AmendmentContract" : "MasterContract",
      status: dice.pick(2, STATUSES),
      description: "Framework agreement for goods and services",
      "start-date": formatCoupaDateTime(start, zone),
      "end-date": formatCoupaDateTime(start + 730 * DAY_MS, zone),
      "term-type": dice.pick(3, ["fixed", "auto_renew", "perpetual"]),
      "maximum-value": centsToDecimal(dice.range(4, 10, 500) * 1_000_000),
      "minimum-value": "0.00",
      "used-for-buying": true,
      terminated: false,
      version: 1 + version,
      "supplier-invoiceable": true,
      supplier: this.suppliers.ref(supplierId),
      currency: this.ctx.refs.currency(this.suppliers.currencyOf(supplierId)),
      "payment-term": this.ctx.refs.paymentTerm(
        this.suppliers.paymentTermOf(supplierId),
      ),
      "contract-owner": owner,
      "created-by": owner,
      "updated-by": version > 0 ? this.users.simple(1) : owner,
      "custom-fields": customFields,
    };
  }
}
