import { z } from "zod";

const rate = z.number().min(0).max(1);
const nonNegative = z.number().min(0);

/**
 * Every behaviour switch of the simulator. All can be set at start
 * (options, CLI flags) and changed at run time (admin API).
 */
export const simulatorSwitchesSchema = z.object({
  /** Lifetime of minted access tokens in seconds. Default 86399 (Coupa). */
  tokenLifetimeSeconds: z.number().int().positive(),
  /** Accept legacy `X-COUPA-API-KEY` keys. Default true. */
  apiKeys: z.boolean(),
  /** Throttle the API with a leaky bucket. Default true. */
  rateLimit: z.boolean(),
  /** Requests per second the bucket drains. Default 25 (Coupa). */
  rps: z.number().positive(),
  /** Requests admitted at once from an empty bucket. Default 20. */
  burst: z.number().int().positive(),
  /** Send `Retry-After` on 429. Default false (Coupa sends none). */
  retryAfter: z.boolean(),
  /** Fixed delay added to every API answer in ms. Default 0. */
  latencyMs: nonNegative,
  /** Extra delay per record returned in ms. Default 0. */
  latencyPerRecordMs: nonNegative,
  /** Share of API requests answered 502, 503 or 504. Default 0. */
  fault5xxRate: rate,
  /** Share of API requests whose connection is reset. Default 0. */
  faultResetRate: rate,
  /** Share of API requests answered after `faultSlowMs`. Default 0. */
  faultSlowRate: rate,
  /** Delay of a slow answer in ms. Default 3000. */
  faultSlowMs: nonNegative,
  /** Share of API requests never answered. Default 0. */
  faultHangRate: rate,
  /** Share of API answers cut off mid-body. Default 0. */
  faultTruncateRate: rate,
  /** Share of API answers with a malformed body. Default 0. */
  faultMalformedRate: rate,
  /** Seed of the fault choices. Default the data seed. */
  faultSeed: z.number().int(),
  /**
   * Source addresses or CIDR ranges allowed to reach the tenant; empty
   * allows everyone. Default empty.
   */
  ipAllowlist: z.array(z.string().min(1)),
  /** How far the `Date` header runs ahead (+) or behind (-). Default 0. */
  clockSkewSeconds: z.number(),
  /** Answer an empty JSON list with 404 `[]` instead of 200. Default false. */
  emptyJson404: z.boolean(),
});

/** The simulator's behaviour switches; see `simulatorSwitchesSchema`. */
export type SimulatorSwitches = z.infer<typeof simulatorSwitchesSchema>;

/** A change to some switches; unknown keys are rejected. */
export const switchPatchSchema = simulatorSwitchesSchema.partial().strict();

/** Switches as Coupa behaves, with no latency and no faults. */
export function defaultSwitches(seed: number): SimulatorSwitches {
  return {
    tokenLifetimeSeconds: 86399,
    apiKeys: true,
    rateLimit: true,
    rps: 25,
    burst: 20,
    retryAfter: false,
    latencyMs: 0,
    latencyPerRecordMs: 0,
    fault5xxRate: 0,
    faultResetRate: 0,
    faultSlowRate: 0,
    faultSlowMs: 3000,
    faultHangRate: 0,
    faultTruncateRate: 0,
    faultMalformedRate: 0,
    faultSeed: seed,
    ipAllowlist: [],
    clockSkewSeconds: 0,
    emptyJson404: false,
  };
}
