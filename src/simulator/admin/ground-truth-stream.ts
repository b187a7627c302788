import { Readable } from "node:stream";
import type { SimRecord } from "../data/simulator-data.js";

/** Records per chunk: large enough to keep per-chunk overhead small. */
const CHUNK_RECORDS = 200;

/**
 * A JSON array of records as a stream, so exporting a large resource
 * never holds its whole text in memory.
 */
export function groundTruthStream(records: Iterable<SimRecord>): Readable {
  return Readable.from(chunks(records), { objectMode: false });
}

function* chunks(records: Iterable<SimRecord>): Generator<string> {
  let batch: string[] = [];
  let first = true;
  yield "[";
  for (const record of records) {
    batch.push(JSON.stringify(record));
    if (batch.length === CHUNK_RECORDS) {
      yield (first ? "" : ",") + batch.join(",");
      first = false;
      batch = [];
    }
  }
  if (batch.length > 0) yield (first ? "" : ",") + batch.join(",");
  yield "]";
}
