import type { Checkpoint } from "../load/pool-store.js";
import type { Partition, PartitionPlan } from "./partition-plan.js";

/** The checkpoint row that records a partition's cursor in the pool. */
export function toCheckpoint(
  runId: string,
  table: string,
  partition: Partition,
): Checkpoint {
  return {
    runId,
    table,
    partition: partition.key,
    lastId: partition.lastId,
    done: partition.done,
    plan: JSON.stringify(partition.plan),
  };
}

/**
 * The partition a stored checkpoint describes; undefined when its plan is
 * not one this version wrote (then the table is planned afresh).
 */
export function fromCheckpoint(checkpoint: Checkpoint): Partition | undefined {
  let plan: PartitionPlan;
  try {
    plan = JSON.parse(checkpoint.plan) as PartitionPlan;
  } catch {
    return undefined;
  }
  if (!plan || typeof plan.fingerprint !== "string" || !plan.runTo) {
    return undefined;
  }
  return {
    key: checkpoint.partition,
    plan,
    lastId: checkpoint.lastId,
    done: checkpoint.done,
  };
}
