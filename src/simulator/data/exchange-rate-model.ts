import { BASE_TIMELINE } from "./base-timeline.js";
import { type CoupaZone, formatCoupaDateTime } from "./coupa-date-time.js";
import { fixedDecimal } from "./decimal-text.js";
import { MasterDataResource } from "./master-data-resource.js";
import type { ModelContext } from "./model-context.js";
import type { UserModel } from "./user-model.js";

/** USD value of one unit of EUR, GBP, CAD, AUD, CHF (currency ids 2..6). */
const USD_PER_UNIT = [1.08, 1.27, 0.74, 0.66, 1.12];
const CURRENCIES = USD_PER_UNIT.length;

/**
 * Exchange rates (`/api/exchange_rates`): one per foreign currency to USD
 * on the first of every month from January 2024 (150 records).
 */
export class ExchangeRateModel extends MasterDataResource {
  /**
   * @param ctx what the tenant's models share.
   * @param users source of the audit users.
   */
  constructor(ctx: ModelContext, users: UserModel) {
    super("exchange_rates", ctx, users, ctx.sizes.exchangeRates, 107);
  }

  override baseCreatedAt(id: number): number {
    return this.rateDate(id) - 6 * 3_600_000;
  }

  override baseUpdatedAt(id: number): number {
    return this.baseCreatedAt(id);
  }

  protected fields(
    template: number,
    id: number,
    version: number,
    zone: CoupaZone,
  ) {
    const currency = (template - 1) % CURRENCIES;
    const drift = this.dice.at(id, version).range(1, -400, 400) / 10_000;
    const rate = (USD_PER_UNIT[currency] ?? 1) * (1 + drift);
    return {
      rate: fixedDecimal(rate, 6),
      "rate-date": formatCoupaDateTime(this.rateDate(template), zone),
      "from-currency": this.ctx.refs.currency(currency + 2),
      "to-currency": this.ctx.refs.currency(1),
    };
  }

  private rateDate(id: number): number {
    const month = Math.floor((id - 1) / CURRENCIES);
    const from = new Date(BASE_TIMELINE.documentsFrom);
    return Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + month, 1);
  }
}
