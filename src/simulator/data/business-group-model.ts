import { MasterDataResource } from "./master-data-resource.js";
import type { ModelContext } from "./model-context.js";
import { REFERENCE_TABLES } from "./reference-tables.js";
import type { UserModel } from "./user-model.js";

/** Business groups (`/api/business_groups`, "content groups"): 6. */
export class BusinessGroupModel extends MasterDataResource {
  /**
   * @param ctx what the tenant's models share.
   * @param users source of the audit users.
   */
  constructor(ctx: ModelContext, users: UserModel) {
    super("business_groups", ctx, users, ctx.sizes.businessGroups, 102);
  }

  protected fields(_template: number, id: number, version: number) {
    const row = REFERENCE_TABLES.businessGroups[id - 1];
    return {
      name: row?.[0] ?? `Group ${id}`,
      description:
        version === 0
          ? (row?.[1] ?? "Added group")
          : `${row?.[1] ?? "Added group"} (rev. ${version})`,
    };
  }
}
