/**
 * Measures how fast the data layer builds full invoices (5 lines on
 * average, allocations, embedded objects) and how long serializing them
 * takes. Run: npx tsx test/simulator/data/measure-generation.ts [size]
 */
import { createSimulatorData } from "../../../src/simulator/data/create-simulator-data.js";

const size = Number(process.argv[2] ?? 200_000);
const data = createSimulatorData({
  seed: 42,
  size,
  now: () => Date.UTC(2026, 11, 1),
});

function measure(label: string, work: () => number): void {
  const started = process.hrtime.bigint();
  const count = work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${label}: ${count} in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)}/s`,
  );
}

measure("warm-up invoices", () => {
  let n = 0;
  for (const _ of data.scan("invoices", { beforeId: 20_001 })) n++;
  return n;
});
measure("build invoices", () => {
  let n = 0;
  for (const _ of data.scan("invoices")) n++;
  return n;
});
measure("build + JSON.stringify invoices", () => {
  let n = 0;
  let bytes = 0;
  for (const record of data.scan("invoices", { beforeId: 100_001 })) {
    bytes += JSON.stringify(record).length;
    n++;
  }
  console.log(`  average ${Math.round(bytes / n)} bytes per invoice`);
  return n;
});
measure("build purchase orders", () => {
  let n = 0;
  for (const _ of data.scan("purchase_orders")) n++;
  return n;
});
