import { MasterDataResource } from "./master-data-resource.js";
import type { ModelContext } from "./model-context.js";
import { commodityName } from "./reference-names.js";
import type { UserModel } from "./user-model.js";

const CATEGORIES = 6;

/** Commodities (`/api/commodities`): 6 categories with 5 children each. */
export class CommodityModel extends MasterDataResource {
  /**
   * @param ctx what the tenant's models share.
   * @param users source of the audit users.
   */
  constructor(ctx: ModelContext, users: UserModel) {
    super("commodities", ctx, users, ctx.sizes.commodities, 104);
  }

  protected fields(_template: number, id: number, version: number) {
    const parent =
      id > CATEGORIES && id <= this.baseMaxId()
        ? 1 + Math.floor((id - CATEGORIES - 1) / 5)
        : null;
    return {
      name: id <= this.baseMaxId() ? commodityName(id) : `Commodity ${id}`,
      active: version === 0 || this.dice.at(id, version).chance(1, 0.8),
      category: id % 3 === 0 ? "services" : "goods",
      "parent-id": parent,
      "children-count": parent === null ? 5 : 0,
      deductibility: "fully_deductible",
    };
  }
}
