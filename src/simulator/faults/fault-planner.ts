import { SeededRandom } from "../seeded-random.js";
import type { SimulatorSwitches } from "../simulator-switches.js";

/** A fault injected into one API request. */
export type Fault =
  | { readonly kind: "5xx"; readonly status: 502 | 503 | 504 }
  | { readonly kind: "reset" }
  | { readonly kind: "slow" }
  | { readonly kind: "hang" }
  | { readonly kind: "truncate" }
  | { readonly kind: "malformed" };

/** Name of a fault kind, as the request log shows it. */
export type FaultKind = Fault["kind"];

const STATUSES = [502, 503, 504] as const;

/**
 * Decides per request whether to inject a fault, at the configured
 * rates. Choices come from a seeded generator, so the same seed and the
 * same sequence of requests give the same faults.
 */
export class FaultPlanner {
  #random: SeededRandom;

  /** @param seed seed of the fault sequence */
  constructor(seed: number) {
    this.#random = new SeededRandom(seed);
  }

  /** Restarts the sequence (switches changed). */
  reseed(seed: number): void {
    this.#random = new SeededRandom(seed);
  }

  /** The fault for the next request, or undefined for a normal answer. */
  next(switches: SimulatorSwitches): Fault | undefined {
    const total =
      switches.fault5xxRate +
      switches.faultResetRate +
      switches.faultSlowRate +
      switches.faultHangRate +
      switches.faultTruncateRate +
      switches.faultMalformedRate;
    if (total === 0) return undefined;

    let draw = this.#random.next();
    const pick = (rate: number) => {
      draw -= rate;
      return draw < 0;
    };
    if (pick(switches.fault5xxRate)) {
      const index = Math.floor(this.#random.next() * STATUSES.length);
      return { kind: "5xx", status: STATUSES[index] ?? 503 };
    }
    if (pick(switches.faultResetRate)) return { kind: "reset" };
    if (pick(switches.faultSlowRate)) return { kind: "slow" };
    if (pick(switches.faultHangRate)) return { kind: "hang" };
    if (pick(switches.faultTruncateRate)) return { kind: "truncate" };
    if (pick(switches.faultMalformedRate)) return { kind: "malformed" };
    return undefined;
  }
}
