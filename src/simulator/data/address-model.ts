import { MasterDataResource } from "./master-data-resource.js";
import type { ModelContext } from "./model-context.js";
import { addressName } from "./reference-names.js";
import { REFERENCE_TABLES } from "./reference-tables.js";
import type { UserModel } from "./user-model.js";
import { WORD_LISTS } from "./word-lists.js";

/** Company addresses (`/api/addresses`): ship-to and bill-to, 12. */
export class AddressModel extends MasterDataResource {
  /**
   * @param ctx what the tenant's models share.
   * @param users source of the audit users.
   */
  constructor(ctx: ModelContext, users: UserModel) {
    super("addresses", ctx, users, ctx.sizes.addresses, 106);
  }

  protected fields(template: number, id: number, version: number) {
    const { cities, streets } = WORD_LISTS;
    const [city, state, country, postal] = cities[
      (template - 1) % cities.length
    ] as readonly [string, string, string, string];
    const countryId =
      1 + REFERENCE_TABLES.countries.findIndex((row) => row[0] === country);
    const number = 10 + ((id * 37 + version) % 900);
    return {
      name: id <= this.baseMaxId() ? addressName(id) : `Address ${id}`,
      "location-code": `LOC-${String(id).padStart(3, "0")}`,
      street1: `${number} ${streets[id % streets.length]}`,
      street2: null,
      city,
      state,
      "postal-code": postal,
      attention: null,
      active: true,
      type: "CompanyAddress",
      country: this.ctx.refs.country(countryId),
    };
  }
}
