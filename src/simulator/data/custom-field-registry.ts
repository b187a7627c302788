import { type CoupaZone, formatCoupaDateTime } from "./coupa-date-time.js";
import { centsToDecimal } from "./decimal-text.js";
import { SeededDice } from "./seeded-dice.js";

/** Value type of a custom field added at run time. */
export type CustomFieldType =
  | "string"
  | "integer"
  | "decimal"
  | "boolean"
  | "datetime";

/** A custom field added with `addCustomField`. */
export interface AddedCustomField {
  readonly name: string;
  readonly type: CustomFieldType;
  /** `Mutation.seq` when it was added. */
  readonly seq: number;
  readonly key: number;
}

/**
 * Custom fields added while the simulator runs. A record shows every
 * added field of its resource: with a generated value when the record was
 * created or changed after the field was added, null otherwise (as a new
 * field in Coupa is empty on existing records).
 */
export class CustomFieldRegistry {
  private readonly fields = new Map<string, AddedCustomField[]>();
  private readonly dice: SeededDice;

  /** @param seed the tenant's seed. */
  constructor(seed: number) {
    this.dice = new SeededDice(seed, SeededDice.keyOf("custom-fields"));
  }

  /** True when the resource has the field already. */
  has(resource: string, name: string): boolean {
    return this.list(resource).some((field) => field.name === name);
  }

  /** Adds a field to a resource from mutation `seq` on. */
  add(resource: string, name: string, type: CustomFieldType, seq: number) {
    const list = this.fields.get(resource) ?? [];
    list.push({ name, type, seq, key: SeededDice.keyOf(name) });
    this.fields.set(resource, list);
  }

  /** Added fields of a resource, oldest first. */
  list(resource: string): readonly AddedCustomField[] {
    return this.fields.get(resource) ?? [];
  }

  /**
   * Writes the added fields of a resource into a `custom-fields` object.
   * `changedSeq` is the record's last change (0 for base data).
   */
  fill(
    target: Record<string, unknown>,
    resource: string,
    id: number,
    changedSeq: number,
    updatedAt: number,
    zone: CoupaZone,
  ): void {
    const list = this.fields.get(resource);
    if (list === undefined) return;
    for (const field of list) {
      target[field.name] =
        changedSeq > field.seq
          ? this.value(field, id, changedSeq, updatedAt, zone)
          : null;
    }
  }

  private value(
    field: AddedCustomField,
    id: number,
    seq: number,
    updatedAt: number,
    zone: CoupaZone,
  ): unknown {
    const dice = this.dice.at(id, seq);
    switch (field.type) {
      case "string":
        return `${field.name.slice(0, 12)}-${dice.u32(field.key).toString(36)}`;
      case "integer":
        return dice.int(field.key, 10_000);
      case "decimal":
        return centsToDecimal(dice.int(field.key, 1_000_000));
      case "boolean":
        return dice.chance(field.key, 0.5);
      case "datetime":
        return formatCoupaDateTime(updatedAt, zone);
    }
  }
}
