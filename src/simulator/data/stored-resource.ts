import type { ChangeEntry, LineChange, Mutation } from "./change-store.js";
import { ChangeStore } from "./change-store.js";
import type { ResourceModel } from "./resource-model.js";
import { SeededDice } from "./seeded-dice.js";

/** Line edits a record update may make, chosen by seeded dice. */
const LINE_ADD = 0;
const LINE_REMOVE = 1;

/**
 * A resource whose records are generated from their id and whose changes
 * live in a `ChangeStore`. Subclasses say which base ids exist, when they
 * were created and changed, and how a record looks; this class does the
 * bookkeeping of updates, inserts, deletes and nested line edits.
 *
 * Nested lines (invoice lines, order lines, ...) sit in fixed slots:
 * line id = (record id - 1) × `lineStride` + slot + 1, so a line id maps
 * back to its record with arithmetic and no index.
 */
export abstract class StoredResource implements ResourceModel {
  /** The stored changes of this resource. */
  readonly store = new ChangeStore();
  private readonly editDice: SeededDice;
  private readonly templateDice: SeededDice;

  /**
   * @param name catalog name of the resource.
   * @param seed the tenant's seed.
   * @param lineStride line slots per record; 0 when it has no lines.
   */
  constructor(
    readonly name: string,
    seed: number,
    readonly lineStride = 0,
  ) {
    this.editDice = new SeededDice(seed, SeededDice.keyOf(`${name}/lines`));
    this.templateDice = new SeededDice(seed, SeededDice.keyOf(`${name}/tpl`));
  }

  /** Highest id of the base data. */
  abstract baseMaxId(): number;
  /** Creation instant of a base record (epoch ms). */
  abstract baseCreatedAt(id: number): number;
  /** `updated-at` of a base record; before `BASE_TIMELINE.updatedBefore`. */
  abstract baseUpdatedAt(id: number): number;
  /** The full record of a live id. */
  abstract build(id: number): Record<string, unknown>;

  /** Whether a base id exists; sparse id spaces override it. */
  baseExists(_id: number): boolean {
    return true;
  }

  /** Number of lines a record is generated with (1 ≤ n < stride). */
  baseLineCount(_id: number): number {
    return 0;
  }

  maxId(): number {
    return Math.max(this.baseMaxId(), this.store.lastInsertedId);
  }

  isLive(id: number): boolean {
    if (!Number.isInteger(id) || id < 1 || id > this.maxId()) return false;
    const entry = this.store.get(id);
    if (entry !== undefined) return !entry.deleted;
    return id <= this.baseMaxId() && this.baseExists(id);
  }

  updatedAt(id: number): number {
    return this.store.get(id)?.updatedAt ?? this.baseUpdatedAt(id);
  }

  /** Creation instant of a live record, base or inserted. */
  createdAt(id: number): number {
    const entry = this.store.get(id);
    return entry?.inserted ? entry.createdAt : this.baseCreatedAt(id);
  }

  changedIds(): readonly number[] {
    return this.store.sortedIds();
  }

  /**
   * A base id whose relations an inserted record borrows (its order,
   * supplier, ...), so references of new records resolve too.
   */
  templateOf(id: number): number {
    const max = this.baseMaxId();
    if (id <= max) return id;
    const dice = this.templateDice.at(id);
    for (let salt = 0; salt < 64; salt++) {
      const candidate = 1 + dice.int(salt, max);
      if (this.baseExists(candidate)) return candidate;
    }
    for (let candidate = max; candidate > 1; candidate--) {
      if (this.baseExists(candidate)) return candidate;
    }
    return 1;
  }

  update(id: number, touchLines: boolean, mutation: Mutation): void {
    const entry = this.store.touch(id, mutation);
    if (touchLines && this.lineStride > 0) {
      this.editRandomLine(id, entry, mutation);
    }
  }

  insert(mutation: Mutation): number {
    const id = this.maxId() + 1;
    this.store.insert(id, mutation);
    return id;
  }

  remove(id: number, mutation: Mutation): void {
    this.store.remove(id, mutation);
  }

  /** Live line slots of a record as a bit mask. */
  lineMask(id: number): number {
    const entry = this.store.get(id);
    if (entry !== undefined && entry.lineMask >= 0) return entry.lineMask;
    return (1 << this.baseLineCount(id)) - 1;
  }

  /** The stored change of one line, if it changed or was added. */
  lineChange(id: number, slot: number): LineChange | undefined {
    return this.store.get(id)?.lines?.[slot];
  }

  /** `updated-at` of a live line. */
  lineUpdatedAt(id: number, slot: number): number {
    const entry = this.store.get(id);
    const line = entry?.lines?.[slot];
    if (line !== undefined) return line.updatedAt;
    return this.untouchedLineUpdatedAt(id);
  }

  /** `updated-at` of the lines of a record that were never changed. */
  untouchedLineUpdatedAt(id: number): number {
    const entry = this.store.get(id);
    return entry?.inserted ? entry.createdAt : this.baseUpdatedAt(id);
  }

  /** `created-at` of a live line. */
  lineCreatedAt(id: number, slot: number): number {
    return this.lineChange(id, slot)?.createdAt ?? this.createdAt(id);
  }

  /** The mutation that last changed or created a line (0 for base). */
  lineSeq(id: number, slot: number): number {
    const entry = this.store.get(id);
    const line = entry?.lines?.[slot];
    if (line !== undefined) return line.seq;
    return entry?.inserted ? entry.createdSeq : 0;
  }

  /** Changes one line and the record holding it. */
  changeLine(id: number, slot: number, mutation: Mutation): void {
    const entry = this.store.touch(id, mutation);
    this.materializeLines(id, entry);
    this.bumpLine(id, entry, slot, mutation);
  }

  /** Removes one line; the record holding it changes. */
  removeLine(id: number, slot: number, mutation: Mutation): void {
    const entry = this.store.touch(id, mutation);
    this.materializeLines(id, entry);
    entry.lineMask &= ~(1 << slot);
  }

  /**
   * Adds a line in the lowest slot never used (a removed line's id is not
   * reused); returns the slot, or -1 when the record has no room left.
   */
  addLine(id: number, mutation: Mutation, aboveAll = false): number {
    const entry = this.store.get(id);
    const used =
      entry && entry.usedMask >= 0 ? entry.usedMask : this.lineMask(id);
    const slot = aboveAll ? 32 - Math.clz32(used) : lowestZeroBit(used);
    if (slot >= this.lineStride) return -1;
    const touched = this.store.touch(id, mutation);
    this.materializeLines(id, touched);
    touched.lineMask |= 1 << slot;
    touched.usedMask |= 1 << slot;
    this.linesOf(touched)[slot] = {
      version: 0,
      createdAt: mutation.at,
      updatedAt: mutation.at,
      seq: mutation.seq,
    };
    return slot;
  }

  private editRandomLine(id: number, entry: ChangeEntry, mutation: Mutation) {
    this.materializeLines(id, entry);
    const dice = this.editDice.at(id, entry.version);
    const live = liveSlots(entry.lineMask);
    const action = dice.int(1, 3);
    if (action === LINE_ADD && this.addLine(id, mutation) >= 0) return;
    if (live.length === 0) return;
    const slot = dice.pick(2, live);
    if (action === LINE_REMOVE && live.length > 1) {
      entry.lineMask &= ~(1 << slot);
      return;
    }
    this.bumpLine(id, entry, slot, mutation);
  }

  private bumpLine(
    id: number,
    entry: ChangeEntry,
    slot: number,
    mutation: Mutation,
  ): void {
    const lines = this.linesOf(entry);
    const line = lines[slot] ?? {
      version: 0,
      createdAt: this.createdAt(id),
      updatedAt: 0,
      seq: 0,
    };
    line.version += 1;
    line.updatedAt = mutation.at;
    line.seq = mutation.seq;
    lines[slot] = line;
  }

  private materializeLines(id: number, entry: ChangeEntry): void {
    if (entry.lineMask >= 0) return;
    const mask = (1 << this.baseLineCount(id)) - 1;
    entry.lineMask = mask;
    entry.usedMask = mask;
  }

  private linesOf(entry: ChangeEntry): (LineChange | undefined)[] {
    entry.lines ??= [];
    return entry.lines;
  }
}

/** Slot numbers of the set bits of a mask, ascending. */
export function liveSlots(mask: number): number[] {
  const slots: number[] = [];
  for (let slot = 0; mask >>> slot !== 0; slot++) {
    if ((mask >>> slot) & 1) slots.push(slot);
  }
  return slots;
}

function lowestZeroBit(mask: number): number {
  let slot = 0;
  while ((mask >>> slot) & 1) slot++;
  return slot;
}
