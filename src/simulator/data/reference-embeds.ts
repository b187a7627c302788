import { OrderLineFacts, uomOf } from "./order-line-facts.js";
import {
  accountNames,
  addressName,
  commodityName,
  departmentName,
  paymentTermRow,
} from "./reference-names.js";
import { REFERENCE_TABLES } from "./reference-tables.js";

type Embed = Readonly<Record<string, unknown>>;

/**
 * Association objects of reference data as documents embed them (`id`
 * plus natural keys), built once per id and frozen: documents share them,
 * and a consumer that tried to change one would throw instead of
 * corrupting every other record.
 */
export class ReferenceEmbeds {
  private readonly cache = new Map<string, Embed[]>();

  /** `{id, code, name}` of a currency. */
  currency(id: number): Embed {
    return this.cached("currency", id, () => {
      const [code, name] = REFERENCE_TABLES.currencies[id - 1] ?? ["USD", ""];
      return { id, code, name };
    });
  }

  /** `{id, code, name}` of a country. */
  country(id: number): Embed {
    return this.cached("country", id, () => {
      const [code, name] = REFERENCE_TABLES.countries[id - 1] ?? ["US", ""];
      return { id, code, name };
    });
  }

  /** `{id, code, name}` of a unit of measure. */
  uom(id: number): Embed {
    return this.cached("uom", id, () => {
      const [code, name] = uomOf(id);
      return { id, code, name };
    });
  }

  /** `{id, name}` of a catalog item. */
  item(id: number): Embed {
    return this.cached("item", id, () => ({
      id,
      name: OrderLineFacts.itemName(id),
    }));
  }

  /** `{id, code}` of a payment term. */
  paymentTerm(id: number): Embed {
    return this.cached("payment-term", id, () => ({
      id,
      code: paymentTermRow(id)[0],
    }));
  }

  /** `{id, code, name, active}` of a GL account. */
  account(id: number): Embed {
    return this.cached("account", id, () => {
      const { code, name } = accountNames(id);
      return { id, code, name, active: true };
    });
  }

  /** `{id, name}` of a commodity. */
  commodity(id: number): Embed {
    return this.cached("commodity", id, () => ({
      id,
      name: commodityName(id),
    }));
  }

  /** `{id, name}` of a department. */
  department(id: number): Embed {
    return this.cached("department", id, () => ({
      id,
      name: departmentName(id),
    }));
  }

  /** `{id, name}` of a company address. */
  address(id: number): Embed {
    return this.cached("address", id, () => ({
      id,
      name: addressName(id),
    }));
  }

  private cached(kind: string, id: number, make: () => Embed): Embed {
    let list = this.cache.get(kind);
    if (list === undefined) {
      list = [];
      this.cache.set(kind, list);
    }
    let embed = list[id];
    if (embed === undefined) {
      embed = Object.freeze(make());
      list[id] = embed;
    }
    return embed;
  }
}
