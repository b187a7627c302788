import { MasterDataResource } from "./master-data-resource.js";
import type { ModelContext } from "./model-context.js";
import { paymentTermRow } from "./reference-names.js";
import type { UserModel } from "./user-model.js";

/** Payment terms (`/api/payment_terms`): 8, Net 30 first. */
export class PaymentTermModel extends MasterDataResource {
  /**
   * @param ctx what the tenant's models share.
   * @param users source of the audit users.
   */
  constructor(ctx: ModelContext, users: UserModel) {
    super("payment_terms", ctx, users, ctx.sizes.paymentTerms, 105);
  }

  protected fields(template: number, id: number, version: number) {
    const [code, description, days, discount] = paymentTermRow(template);
    return {
      code: id <= this.baseMaxId() ? code : `${code} (${id})`,
      description: version === 0 ? description : `${description}.`,
      type: "DaysAfterNetPaymentTerm",
      "days-for-net-payment": days,
      "days-for-discount-payment": discount > 0 ? 10 : null,
      "discount-rate": discount,
      active: true,
    };
  }
}
