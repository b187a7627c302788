import { formatCoupaDateTime } from "./coupa-date-time.js";
import type { ModelContext } from "./model-context.js";
import { recordZone } from "./record-zone.js";
import { SeededDice } from "./seeded-dice.js";
import { StoredResource } from "./stored-resource.js";
import { WORD_LISTS } from "./word-lists.js";

type Embed = Readonly<Record<string, unknown>>;
const KIND = 11;
const NAME_COMBINATIONS =
  WORD_LISTS.firstNames.length * WORD_LISTS.lastNames.length;
const LOCALES = ["en", "en", "en-GB", "de", "fr"];

/**
 * Users (`/api/users`): requesters, approvers and the people in audit
 * fields of every document. Logins and emails are unique and never change.
 * Documents embed the `UserSimple` snapshot of the base user.
 */
export class UserModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly simples: Embed[] = [];

  /** @param ctx what the tenant's models share. */
  constructor(private readonly ctx: ModelContext) {
    super("users", ctx.seed);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("users"));
  }

  baseMaxId(): number {
    return this.ctx.sizes.users;
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.masterCreatedAt(KIND, id, this.ctx.sizes.users);
  }

  baseUpdatedAt(id: number): number {
    return this.ctx.graph.laterBaseTime(KIND, id, this.baseCreatedAt(id), 800);
  }

  /** The manager of a user: a user with a lower id (user 1 has none). */
  managerOf(id: number): number {
    return id <= 1 ? 0 : 1 + Math.floor((id - 1) / 6);
  }

  /** Department of a user (1..12). */
  departmentOf(id: number): number {
    return 1 + ((id * 7) % this.ctx.sizes.departments);
  }

  /** The `UserSimple` object documents embed for this user. */
  simple(id: number): Embed {
    let embed = this.simples[id];
    if (embed === undefined) {
      embed = Object.freeze(this.makeSimple(id));
      this.simples[id] = embed;
    }
    return embed;
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const zone = recordZone(this.dice.at(id));
    const updatedAt = this.updatedAt(id);
    const names = userNames(id);
    const dice = this.dice.at(id, version);
    const manager = this.managerOf(id);
    const refs = this.ctx.refs;
    const customFields: Record<string, unknown> = {
      "cf-cost-center": `CC-${100 + this.departmentOf(id) * 10}`,
      "cf-hire-year": String(2010 + (id % 14)),
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
      "created-at": formatCoupaDateTime(this.createdAt(id), zone),
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      login: names.login,
      email: names.email,
      firstname: names.firstname,
      lastname: names.lastname,
      fullname: `${names.firstname} ${names.lastname}`,
      "employee-number": employeeNumber(id),
      "mention-name": names.login.replace(".", ""),
      active: version === 0 || dice.chance(1, 0.9),
      "default-locale": LOCALES[id % LOCALES.length],
      "authentication-method": "saml",
      "sso-identifier": names.email,
      "purchasing-user": true,
      "invoicing-user": id % 5 === 0,
      "expense-user": dice.chance(2, 0.8),
      "api-user": false,
      "account-security-type": 0,
      "business-group-security-type": 0,
      "seniority-level": dice.pick(3, ["Staff", "Senior", "Lead", "Manager"]),
      department: refs.department(this.departmentOf(id)),
      "default-currency": refs.currency(1),
      "default-address": refs.address(1 + (id % this.ctx.sizes.addresses)),
      "default-account": refs.account(1 + (id % this.ctx.sizes.accounts)),
      manager: manager > 0 ? this.simple(manager) : null,
      "created-by": this.simple(1),
      "updated-by": this.simple(1),
      "custom-fields": customFields,
      "custom-field-7": null,
      "custom-field-8": id % 3 === 0 ? "Remote" : null,
    };
  }

  private makeSimple(id: number): Record<string, unknown> {
    const names = userNames(id);
    const zone = recordZone(this.dice.at(id));
    return {
      id,
      login: names.login,
      email: names.email,
      "employee-number": employeeNumber(id),
      firstname: names.firstname,
      lastname: names.lastname,
      fullname: `${names.firstname} ${names.lastname}`,
      "created-at": formatCoupaDateTime(this.baseCreatedAt(id), zone),
      "updated-at": formatCoupaDateTime(this.baseUpdatedAt(id), zone),
    };
  }
}

/** Unique names of user `id`; logins repeat a name with a number. */
function userNames(id: number) {
  const { firstNames, lastNames } = WORD_LISTS;
  const index = (id - 1) % NAME_COMBINATIONS;
  const round = Math.floor((id - 1) / NAME_COMBINATIONS);
  const first = index % firstNames.length;
  const block = Math.floor(index / firstNames.length);
  // Shifting the last name by the first name spreads surnames in small
  // tenants while (first, last) stays unique within a round.
  const last = (block + 7 * first) % lastNames.length;
  const firstname = firstNames[first] as string;
  const lastname = lastNames[last] as string;
  const login =
    `${firstname}.${lastname}`.toLowerCase() + (round > 0 ? round : "");
  return { firstname, lastname, login, email: `${login}@example.com` };
}

function employeeNumber(id: number): string {
  return `E${String(id).padStart(6, "0")}`;
}
