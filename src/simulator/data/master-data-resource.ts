import { type CoupaZone, formatCoupaDateTime } from "./coupa-date-time.js";
import type { ModelContext } from "./model-context.js";
import { recordZone } from "./record-zone.js";
import { SeededDice } from "./seeded-dice.js";
import { StoredResource } from "./stored-resource.js";
import type { UserModel } from "./user-model.js";

/**
 * A small reference resource (departments, accounts, ...): created in the
 * master data period, maintained by the administrator (user 1). Its
 * subclass supplies only the resource's own fields.
 */
export abstract class MasterDataResource extends StoredResource {
  /** Dice of this resource, for subclasses' fields. */
  protected readonly dice: SeededDice;

  /**
   * @param name catalog name of the resource.
   * @param ctx what the tenant's models share.
   * @param users source of the audit users.
   * @param count number of base records.
   * @param kind a number that keeps this resource's timing dice apart.
   */
  constructor(
    name: string,
    protected readonly ctx: ModelContext,
    private readonly users: UserModel,
    private readonly count: number,
    private readonly kind: number,
  ) {
    super(name, ctx.seed);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf(name));
  }

  baseMaxId(): number {
    return this.count;
  }

  baseCreatedAt(id: number): number {
    return this.ctx.graph.masterCreatedAt(this.kind, id, this.count);
  }

  baseUpdatedAt(id: number): number {
    const created = this.baseCreatedAt(id);
    return this.ctx.graph.laterBaseTime(this.kind, id, created, 600);
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const zone = recordZone(this.dice.at(id));
    const customFields: Record<string, unknown> = {};
    this.ctx.customFields.fill(
      customFields,
      this.name,
      id,
      entry?.seq ?? 0,
      updatedAt,
      zone,
    );
    const admin = this.users.simple(1);
    return {
      id,
      "created-at": formatCoupaDateTime(this.createdAt(id), zone),
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      ...this.fields(this.templateOf(id), id, version, zone),
      "created-by": admin,
      "updated-by": admin,
      "custom-fields": customFields,
    };
  }

  /**
   * The resource's own fields of record `id` at `version`. `template` is
   * the base record an inserted one copies its fixed traits from.
   */
  protected abstract fields(
    template: number,
    id: number,
    version: number,
    zone: CoupaZone,
  ): Record<string, unknown>;
}
