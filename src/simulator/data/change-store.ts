/** A mutation as the store records it: when, and its place in the order. */
export interface Mutation {
  /** The simulated clock at the mutation, epoch ms at second precision. */
  readonly at: number;
  /** Increases with every mutation of one tenant. */
  readonly seq: number;
}

/** What changed about one nested line (invoice line, order line, ...). */
export interface LineChange {
  version: number;
  createdAt: number;
  updatedAt: number;
  seq: number;
}

/**
 * What is stored about one changed record. Everything else about it is
 * generated again from (seed, resource, id, version).
 */
export interface ChangeEntry {
  /** 0 for base data, +1 per update. */
  version: number;
  /** Set for inserted records; base records derive it from their id. */
  createdAt: number;
  updatedAt: number;
  /** `Mutation.seq` of the last change (custom fields compare it). */
  seq: number;
  /** `Mutation.seq` of the insert; 0 for base records. */
  createdSeq: number;
  deleted: boolean;
  inserted: boolean;
  /** Live line slots as a bit mask; -1 while the lines are untouched. */
  lineMask: number;
  /** Slots ever used, so a removed line's id is never handed out again. */
  usedMask: number;
  /** Per-slot changes, created on the first line change. */
  lines: (LineChange | undefined)[] | undefined;
}

/**
 * Changes of one resource: the only per-record state the simulator keeps.
 * Ids with an entry are also kept in a sorted index so a scan for recent
 * changes visits only them.
 */
export class ChangeStore {
  private readonly entries = new Map<number, ChangeEntry>();
  private sorted: number[] = [];
  private unsorted = false;
  /** Highest id handed out by `insert`, 0 when none. */
  lastInsertedId = 0;

  /** Number of records with a stored change. */
  get size(): number {
    return this.entries.size;
  }

  /** The stored change of a record, if any. */
  get(id: number): ChangeEntry | undefined {
    return this.entries.size === 0 ? undefined : this.entries.get(id);
  }

  /** Records an update: version + 1, updated-at = the mutation's time. */
  touch(id: number, mutation: Mutation): ChangeEntry {
    const entry = this.entryOf(id);
    entry.version += 1;
    entry.updatedAt = mutation.at;
    entry.seq = mutation.seq;
    return entry;
  }

  /** Records a new record created at the mutation's time. */
  insert(id: number, mutation: Mutation): ChangeEntry {
    const entry = this.entryOf(id);
    entry.inserted = true;
    entry.createdAt = mutation.at;
    entry.updatedAt = mutation.at;
    entry.seq = mutation.seq;
    entry.createdSeq = mutation.seq;
    this.lastInsertedId = Math.max(this.lastInsertedId, id);
    return entry;
  }

  /** Marks a record deleted; it stays in the index but is never live. */
  remove(id: number, mutation: Mutation): void {
    const entry = this.entryOf(id);
    entry.deleted = true;
    entry.seq = mutation.seq;
  }

  /** Ids with an entry (deleted ones too), ascending. */
  sortedIds(): readonly number[] {
    if (this.unsorted) {
      this.sorted.sort((a, b) => a - b);
      this.unsorted = false;
    }
    return this.sorted;
  }

  private entryOf(id: number): ChangeEntry {
    let entry = this.entries.get(id);
    if (entry === undefined) {
      entry = newEntry();
      this.entries.set(id, entry);
      const last = this.sorted.at(-1);
      if (last !== undefined && last > id) this.unsorted = true;
      this.sorted.push(id);
    }
    return entry;
  }
}

function newEntry(): ChangeEntry {
  return {
    version: 0,
    createdAt: 0,
    updatedAt: 0,
    seq: 0,
    createdSeq: 0,
    deleted: false,
    inserted: false,
    lineMask: -1,
    usedMask: -1,
    lines: undefined,
  };
}
