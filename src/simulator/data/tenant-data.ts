import type { Mutation } from "./change-store.js";
import type {
  CustomFieldRegistry,
  CustomFieldType,
} from "./custom-field-registry.js";
import { InvalidSimulatorInputError } from "./invalid-simulator-input-error.js";
import { scanRecords } from "./record-scanner.js";
import type { ResourceModel } from "./resource-model.js";
import { SeededDice } from "./seeded-dice.js";
import type {
  MutationResult,
  ScanOptions,
  SimRecord,
  SimulatorData,
  UpdateOptions,
} from "./simulator-data.js";
import { UnknownRecordError } from "./unknown-record-error.js";
import { UnknownResourceError } from "./unknown-resource-error.js";

const CUSTOM_FIELD_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CUSTOM_FIELD_TYPES = new Set([
  "string",
  "integer",
  "decimal",
  "boolean",
  "datetime",
]);

/**
 * `SimulatorData` over a set of resource models: checks names, numbers the
 * mutations, picks seeded-random records for them and hands scans to the
 * record scanner.
 */
export class TenantData implements SimulatorData {
  readonly resources: readonly string[];
  private readonly models = new Map<string, ResourceModel>();
  private readonly dice: SeededDice;
  private seq = 0;

  /**
   * @param models one per served resource, in the order `resources` lists.
   * @param customFields where added custom fields are kept.
   * @param now the simulated tenant's clock (epoch ms).
   * @param seed the tenant's seed, for picking records to mutate.
   */
  constructor(
    models: readonly ResourceModel[],
    private readonly customFields: CustomFieldRegistry,
    private readonly now: () => number,
    seed: number,
  ) {
    for (const model of models) this.models.set(model.name, model);
    this.resources = models.map((model) => model.name);
    this.dice = new SeededDice(seed, SeededDice.keyOf("mutations"));
  }

  idRange(resource: string): { min: number; max: number } | undefined {
    const model = this.model(resource);
    const max = model.maxId();
    let low = 1;
    while (low <= max && !model.isLive(low)) low++;
    if (low > max) return undefined;
    let high = max;
    while (!model.isLive(high)) high--;
    return { min: low, max: high };
  }

  scan(resource: string, options?: ScanOptions): Iterable<SimRecord> {
    return scanRecords(this.model(resource), options);
  }

  get(resource: string, id: number): SimRecord | undefined {
    const model = this.model(resource);
    return model.isLive(id) ? model.build(id) : undefined;
  }

  children(resource: string, parentId: number): Iterable<SimRecord> {
    const model = this.model(resource);
    return model.childrenOf ? model.childrenOf(parentId) : [];
  }

  update(
    resource: string,
    count: number,
    options: UpdateOptions = {},
  ): MutationResult {
    const model = this.model(resource);
    const mutation = this.nextMutation();
    const ids = options.ids
      ? this.checkLive(model, options.ids)
      : this.pickLive(model, count, mutation.seq);
    for (const id of ids) {
      model.update(id, options.touchLines ?? true, mutation);
    }
    return { resource, ids };
  }

  insert(resource: string, count: number): MutationResult {
    const model = this.model(resource);
    const mutation = this.nextMutation();
    const ids: number[] = [];
    for (let i = 0; i < checkCount(count); i++)
      ids.push(model.insert(mutation));
    return { resource, ids };
  }

  remove(
    resource: string,
    count: number,
    ids?: readonly number[],
  ): MutationResult {
    const model = this.model(resource);
    const mutation = this.nextMutation();
    const chosen = ids
      ? this.checkLive(model, ids)
      : this.pickLive(model, count, mutation.seq);
    for (const id of chosen) model.remove(id, mutation);
    return { resource, ids: chosen };
  }

  addCustomField(resource: string, name: string, type: CustomFieldType): void {
    this.model(resource);
    if (!CUSTOM_FIELD_NAME.test(name) || !CUSTOM_FIELD_TYPES.has(type)) {
      throw new InvalidSimulatorInputError(
        `Custom field "${name}" of type "${type}" is not valid: use a ` +
          `dashed lower-case API name such as "cf-erp-status" and one of ` +
          `${[...CUSTOM_FIELD_TYPES].join(", ")}.`,
      );
    }
    if (this.customFields.has(resource, name)) {
      throw new InvalidSimulatorInputError(
        `${resource} already has custom field "${name}": pick another name.`,
      );
    }
    this.customFields.add(resource, name, type, this.nextMutation().seq);
  }

  groundTruth(resource: string): Iterable<SimRecord> {
    return scanRecords(this.model(resource));
  }

  private model(resource: string): ResourceModel {
    const model = this.models.get(resource);
    if (model === undefined) {
      throw new UnknownResourceError(resource, this.resources);
    }
    return model;
  }

  private nextMutation(): Mutation {
    this.seq += 1;
    return { at: Math.floor(this.now() / 1000) * 1000, seq: this.seq };
  }

  private checkLive(model: ResourceModel, ids: readonly number[]): number[] {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      if (!model.isLive(id)) throw new UnknownRecordError(model.name, id);
    }
    return unique;
  }

  /** Up to `count` distinct live ids, seeded by the mutation number. */
  private pickLive(model: ResourceModel, count: number, seq: number): number[] {
    const wanted = checkCount(count);
    const max = model.maxId();
    const chosen = new Set<number>();
    const dice = this.dice.at(seq);
    for (let salt = 0; chosen.size < wanted && salt < wanted * 20; salt++) {
      const id = 1 + dice.int(salt, max);
      if (model.isLive(id)) chosen.add(id);
    }
    const start = 1 + dice.int(-1, max);
    for (let step = 0; chosen.size < wanted && step < max; step++) {
      const id = 1 + ((start - 1 + step) % max);
      if (model.isLive(id)) chosen.add(id);
    }
    return [...chosen];
  }
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) {
    throw new InvalidSimulatorInputError(
      `Count ${count} is not valid: pass a whole number of records, 0 or more.`,
    );
  }
  return count;
}
