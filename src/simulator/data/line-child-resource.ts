import type { Mutation } from "./change-store.js";
import type { ResourceModel } from "./resource-model.js";
import type { SimRecord } from "./simulator-data.js";
import { liveSlots, type StoredResource } from "./stored-resource.js";

/** Builds one line of an owner record (the same object it embeds). */
export type LineBuilder = (ownerId: number, slot: number) => SimRecord;

/**
 * A resource whose records are the nested lines of another one
 * (`purchase_order_lines` are the orders' `order-lines`,
 * `remit_to_addresses` the suppliers' `remit-to-addresses`). It stores
 * nothing: every change goes to the owner, so the standalone record and
 * the embedded one are always the same data, and the owner's `updated-at`
 * moves whenever one of its lines changes.
 */
export class LineChildResource implements ResourceModel {
  /**
   * @param name catalog name of the resource.
   * @param owner the resource that embeds the lines.
   * @param buildLine builds one line, shared with the owner's builder.
   */
  constructor(
    readonly name: string,
    private readonly owner: StoredResource,
    private readonly buildLine: LineBuilder,
  ) {}

  maxId(): number {
    return this.owner.maxId() * this.owner.lineStride;
  }

  isLive(id: number): boolean {
    if (!Number.isInteger(id) || id < 1) return false;
    const ownerId = this.ownerOf(id);
    if (!this.owner.isLive(ownerId)) return false;
    return ((this.owner.lineMask(ownerId) >>> this.slotOf(id)) & 1) === 1;
  }

  updatedAt(id: number): number {
    return this.owner.lineUpdatedAt(this.ownerOf(id), this.slotOf(id));
  }

  build(id: number): SimRecord {
    return this.buildLine(this.ownerOf(id), this.slotOf(id));
  }

  changedIds(): readonly number[] {
    const ids: number[] = [];
    for (const ownerId of this.owner.changedIds()) {
      const entry = this.owner.store.get(ownerId);
      if (entry === undefined || entry.deleted) continue;
      const slots = liveSlots(
        entry.inserted
          ? this.owner.lineMask(ownerId)
          : Math.max(entry.lineMask, 0),
      );
      for (const slot of slots) {
        if (entry.inserted || entry.lines?.[slot] !== undefined) {
          ids.push(this.idOf(ownerId, slot));
        }
      }
    }
    return ids;
  }

  update(id: number, _touchLines: boolean, mutation: Mutation): void {
    this.owner.changeLine(this.ownerOf(id), this.slotOf(id), mutation);
  }

  /**
   * Adds a line above every existing line id: in a free slot of the
   * newest owner record, or in a new owner record holding just this line.
   */
  insert(mutation: Mutation): number {
    const newest = this.owner.maxId();
    if (this.owner.isLive(newest)) {
      const slot = this.owner.addLine(newest, mutation, true);
      if (slot >= 0) return this.idOf(newest, slot);
    }
    const ownerId = this.owner.insert(mutation);
    const entry = this.owner.store.get(ownerId);
    if (entry !== undefined) {
      entry.lineMask = 1;
      entry.usedMask = 1;
    }
    return this.idOf(ownerId, 0);
  }

  remove(id: number, mutation: Mutation): void {
    this.owner.removeLine(this.ownerOf(id), this.slotOf(id), mutation);
  }

  *childrenOf(parentId: number): Iterable<SimRecord> {
    if (!this.owner.isLive(parentId)) return;
    for (const slot of liveSlots(this.owner.lineMask(parentId))) {
      yield this.buildLine(parentId, slot);
    }
  }

  private ownerOf(id: number): number {
    return Math.floor((id - 1) / this.owner.lineStride) + 1;
  }

  private slotOf(id: number): number {
    return (id - 1) % this.owner.lineStride;
  }

  private idOf(ownerId: number, slot: number): number {
    return (ownerId - 1) * this.owner.lineStride + slot + 1;
  }
}
