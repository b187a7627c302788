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

/**
 * Reports wall time and this process's CPU time: on a machine shared with
 * other work, records per CPU second is the figure for one free core.
 */
function measure(label: string, work: () => number): void {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const count = work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label}: ${count} in ${seconds.toFixed(2)} s wall ` +
      `(${Math.round(count / seconds)}/s), ${cpuSeconds.toFixed(2)} s CPU ` +
      `(${Math.round(count / cpuSeconds)}/CPU s)`,
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
