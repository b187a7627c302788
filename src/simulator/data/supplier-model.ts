import type { Mutation } from "./change-store.js";
import { formatCoupaDateTime } from "./coupa-date-time.js";
import type { ModelContext } from "./model-context.js";
import { recordZone } from "./record-zone.js";
import { SeededDice } from "./seeded-dice.js";
import { liveSlots, StoredResource } from "./stored-resource.js";
import type { UserModel } from "./user-model.js";
import { WORD_LISTS } from "./word-lists.js";

type Embed = Readonly<Record<string, unknown>>;
const KIND = 12;
/** Remit-to address slots per supplier; 1 or 2 exist in base data. */
const REMIT_TO_STRIDE = 4;
const COUNTRY_OF_CITY: Readonly<Record<string, number>> = {
  US: 1,
  CA: 2,
  GB: 3,
  DE: 4,
  FR: 5,
  IE: 6,
  CH: 7,
  AU: 8,
  NL: 9,
};

/**
 * Suppliers (`/api/suppliers`) with their remit-to addresses embedded in
 * `remit-to-addresses`; the same addresses are served one supplier at a
 * time as `remit_to_addresses`. Name and number never change.
 */
export class SupplierModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly remitDice: SeededDice;
  private readonly refsCache: Embed[] = [];
  private readonly remitRefs: Embed[] = [];

  /**
   * @param ctx what the tenant's models share.
   * @param users source of embedded users.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
  ) {
    super("suppliers", ctx.seed, REMIT_TO_STRIDE);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("suppliers"));
    this.remitDice = new SeededDice(ctx.seed, SeededDice.keyOf("remit-to"));
  }

  baseMaxId(): number {
    return this.ctx.sizes.suppliers;
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.masterCreatedAt(KIND, id, this.ctx.sizes.suppliers);
  }

  baseUpdatedAt(id: number): number {
    return this.ctx.graph.laterBaseTime(KIND, id, this.baseCreatedAt(id), 600);
  }

  override baseLineCount(id: number): number {
    return this.dice.at(id).chance(1, 0.3) ? 2 : 1;
  }

  /** Currency id the supplier invoices in: mostly USD. */
  currencyOf(id: number): number {
    const dice = this.dice.at(id);
    return dice.chance(2, 0.75) ? 1 : 2 + dice.int(3, 5);
  }

  /** Payment term id of the supplier: mostly Net 30. */
  paymentTermOf(id: number): number {
    const dice = this.dice.at(id);
    return dice.chance(4, 0.5) ? 1 : 1 + dice.int(5, 8);
  }

  /**
   * Updates never edit remit-to addresses on their own: invoices point at
   * the first one, and it must not vanish behind their back. Change them
   * through `remit_to_addresses` instead.
   */
  override update(id: number, _touchLines: boolean, mutation: Mutation) {
    super.update(id, false, mutation);
  }

  /** `{id, name, number}` as documents embed a supplier. */
  ref(id: number): Embed {
    let embed = this.refsCache[id];
    if (embed === undefined) {
      embed = Object.freeze({
        id,
        name: supplierName(id),
        number: supplierNumber(id),
      });
      this.refsCache[id] = embed;
    }
    return embed;
  }

  /** `{id, name}` of the supplier's first remit-to address. */
  remitToRef(id: number): Embed {
    let embed = this.remitRefs[id];
    if (embed === undefined) {
      const remitId = (id - 1) * REMIT_TO_STRIDE + 1;
      embed = Object.freeze({ id: remitId, name: remitToName(id, 0) });
      this.remitRefs[id] = embed;
    }
    return embed;
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const zone = recordZone(this.dice.at(id));
    const updatedAt = this.updatedAt(id);
    const dice = this.dice.at(id, version);
    const name = supplierName(id);
    const domain = `${name.split(" ")[0]?.toLowerCase()}${id}.example.com`;
    const customFields: Record<string, unknown> = {
      "cf-erp-vendor-id": `V${String(id).padStart(7, "0")}`,
      "cf-vendor-category": dice.pick(5, ["Direct", "Indirect", "Services"]),
    };
    this.ctx.customFields.fill(
      customFields,
      this.name,
      id,
      entry?.seq ?? 0,
      updatedAt,
      zone,
    );
    const remitTos: Record<string, unknown>[] = [];
    for (const slot of liveSlots(this.lineMask(id))) {
      remitTos.push(this.buildRemitTo(id, slot));
    }
    return {
      id,
      "created-at": formatCoupaDateTime(this.createdAt(id), zone),
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      name,
      "display-name": name,
      number: supplierNumber(id),
      status: version === 0 || dice.chance(1, 0.9) ? "active" : "inactive",
      "account-number": `ACCT-${(id * 7919) % 100000}`,
      duns: String(100000000 + ((id * 104729) % 899999999)),
      "tax-id": `TX-${(id * 31337) % 1000000}`,
      "po-method": dice.pick(2, ["email", "cxml", "email", "prompt"]),
      "po-email": `orders@${domain}`,
      website: `https://www.${domain}`,
      "invoice-matching-level": dice.chance(3, 0.7) ? "3-way" : "2-way",
      "payment-method": "invoice",
      "on-hold": version > 0 && dice.chance(4, 0.1),
      "one-time-supplier": false,
      "hold-invoices-for-ap-review": false,
      "allow-inv-from-connect": true,
      "default-locale": "en",
      "savings-pct": "0.00",
      "payment-term": this.ctx.refs.paymentTerm(this.paymentTermOf(id)),
      commodity: this.ctx.refs.commodity(1 + (id % 6)),
      "created-by": this.users.simple(1),
      "updated-by": this.users.simple(1),
      "remit-to-addresses": remitTos,
      "custom-fields": customFields,
      "custom-field-1": null,
      "custom-field-2": id % 4 === 0 ? "Preferred" : null,
    };
  }

  /** Remit-to address `slot` of supplier `id`, embedded or standalone. */
  buildRemitTo(id: number, slot: number): Record<string, unknown> {
    const zone = recordZone(this.dice.at(id));
    const version = this.lineChange(id, slot)?.version ?? 0;
    const remitId = (id - 1) * REMIT_TO_STRIDE + slot + 1;
    const dice = this.remitDice.at(remitId, version);
    const [city, state, country, postal] = dice.pick(
      0,
      WORD_LISTS.cities,
    ) as readonly [string, string, string, string];
    const countryId = COUNTRY_OF_CITY[country] ?? 1;
    const updatedAt = this.lineUpdatedAt(id, slot);
    const customFields: Record<string, unknown> = {};
    this.ctx.customFields.fill(
      customFields,
      "remit_to_addresses",
      remitId,
      this.lineSeq(id, slot),
      updatedAt,
      zone,
    );
    return {
      id: remitId,
      "created-at": formatCoupaDateTime(this.lineCreatedAt(id, slot), zone),
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      name: remitToName(id, slot),
      "remit-to-code": `RT-${id}-${slot + 1}`,
      street1: `${dice.range(1, 1, 999)} ${dice.pick(2, WORD_LISTS.streets)}`,
      street2: null,
      city,
      state,
      "postal-code": postal,
      active: version === 0 || dice.chance(3, 0.8),
      "vat-number": countryId > 2 ? `VAT${remitId}` : null,
      country: this.ctx.refs.country(countryId),
      "created-by": this.users.simple(1),
      "updated-by": this.users.simple(1),
      "custom-fields": customFields,
    };
  }
}

/** Unique name of supplier `id`, e.g. `Acme Office LLC`. */
export function supplierName(id: number): string {
  const { companyFirst, companySecond, companySuffix } = WORD_LISTS;
  const index = id - 1;
  const first = companyFirst[index % companyFirst.length];
  const rest = Math.floor(index / companyFirst.length);
  const second = companySecond[rest % companySecond.length];
  const round = Math.floor(rest / companySecond.length);
  const suffix = companySuffix[(index * 3) % companySuffix.length];
  return `${first} ${second}${round > 0 ? ` ${round + 1}` : ""} ${suffix}`;
}

/** Number of supplier `id`, e.g. `SUP-000042`. */
export function supplierNumber(id: number): string {
  return `SUP-${String(id).padStart(6, "0")}`;
}

function remitToName(id: number, slot: number): string {
  return `${supplierName(id)} - Remit ${slot + 1}`;
}
