import { MasterDataResource } from "./master-data-resource.js";
import type { ModelContext } from "./model-context.js";
import { departmentName } from "./reference-names.js";
import type { UserModel } from "./user-model.js";

/** Departments (`/api/departments`): a fixed list of 12. */
export class DepartmentModel extends MasterDataResource {
  /**
   * @param ctx what the tenant's models share.
   * @param users source of the audit users.
   */
  constructor(ctx: ModelContext, users: UserModel) {
    super("departments", ctx, users, ctx.sizes.departments, 101);
  }

  protected fields(_template: number, id: number, version: number) {
    const name =
      id <= this.baseMaxId() ? departmentName(id) : `Department ${id}`;
    return {
      name,
      active: version === 0 || this.dice.at(id, version).chance(1, 0.8),
    };
  }
}
