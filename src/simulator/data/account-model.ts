import { MasterDataResource } from "./master-data-resource.js";
import type { ModelContext } from "./model-context.js";
import { accountNames } from "./reference-names.js";
import type { UserModel } from "./user-model.js";

/**
 * GL accounts (`/api/accounts`): 48, one per natural account and
 * department; code `6100-110` = segment 1 (natural) - segment 2 (cost
 * centre).
 */
export class AccountModel extends MasterDataResource {
  /**
   * @param ctx what the tenant's models share.
   * @param users source of the audit users.
   */
  constructor(ctx: ModelContext, users: UserModel) {
    super("accounts", ctx, users, ctx.sizes.accounts, 103);
  }

  protected fields(_template: number, id: number, version: number) {
    const { code, name } = accountNames(id);
    const [natural, costCentre] = code.split("-");
    return {
      code,
      name,
      active: version === 0 || this.dice.at(id, version).chance(1, 0.8),
      "account-type-id": 1,
      "segment-1": natural,
      "segment-2": costCentre,
      "segment-3": null,
      "account-type": { id: 1, name: "US Chart of Accounts" },
    };
  }
}
