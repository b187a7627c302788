import type { Catalog } from "../catalog/catalog-types.js";
import { AddressAllowlist } from "./address-allowlist.js";
import { AdminRequestError } from "./admin/admin-request-error.js";
import { ResourceRouter } from "./api/resource-router.js";
import { ApiKeyRegistry } from "./auth/api-key-registry.js";
import { OAuthClientRegistry } from "./auth/oauth-client-registry.js";
import { TokenIssuer } from "./auth/token-issuer.js";
import type { SimulatorData } from "./data/simulator-data.js";
import { FaultPlanner } from "./faults/fault-planner.js";
import { DefinitionIndex } from "./query/definition-index.js";
import { LeakyBucket } from "./rate-limiter.js";
import { XmlRenderer } from "./render/xml-renderer.js";
import { RequestLog } from "./request-log.js";
import type { SimulatorClock } from "./simulator-clock.js";
import {
  type SimulatorSwitches,
  switchPatchSchema,
} from "./simulator-switches.js";

/** What the state is built from. */
export interface SimulatorStateOptions {
  readonly catalog: Catalog;
  readonly data: SimulatorData;
  readonly clock: SimulatorClock;
  readonly switches: SimulatorSwitches;
  /** Capacity of the request log. Default 10,000. */
  readonly requestLogCapacity?: number;
}

/**
 * Everything a running simulator remembers: switches, OAuth clients, API
 * keys, the rate limiter, the fault sequence and the request log, plus
 * the data and the catalog lookups built once from them.
 */
export class SimulatorState {
  readonly clients = new OAuthClientRegistry();
  readonly apiKeys = new ApiKeyRegistry();
  readonly tokens: TokenIssuer;
  readonly bucket: LeakyBucket;
  readonly faults: FaultPlanner;
  readonly log: RequestLog;
  readonly index: DefinitionIndex;
  readonly xml: XmlRenderer;
  readonly router: ResourceRouter;
  readonly data: SimulatorData;
  readonly clock: SimulatorClock;
  #switches: SimulatorSwitches;
  #allowlist: AddressAllowlist;

  constructor(options: SimulatorStateOptions) {
    const now = () => options.clock.now();
    this.clock = options.clock;
    this.data = options.data;
    this.tokens = new TokenIssuer(now);
    this.bucket = new LeakyBucket(now);
    this.faults = new FaultPlanner(options.switches.faultSeed);
    this.log = new RequestLog(options.requestLogCapacity);
    this.index = new DefinitionIndex(options.catalog);
    this.xml = new XmlRenderer(this.index);
    this.router = new ResourceRouter(options.catalog, options.data.resources);
    this.#switches = Object.freeze({ ...options.switches });
    this.#allowlist = new AddressAllowlist(options.switches.ipAllowlist);
  }

  /** The switches in force. */
  get switches(): SimulatorSwitches {
    return this.#switches;
  }

  /** The tenant-wide IP allowlist in force. */
  get allowlist(): AddressAllowlist {
    return this.#allowlist;
  }

  /**
   * Changes some switches. Fault rates restart their seeded sequence and
   * rate settings empty the bucket, so what follows is reproducible.
   *
   * @throws AdminRequestError naming each bad switch and what it takes
   */
  setSwitches(patch: unknown): SimulatorSwitches {
    const parsed = switchPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join(".") || "switches"}: ${issue.message}`,
      );
      throw new AdminRequestError(
        "ADMIN_INVALID_INPUT",
        `Invalid switches: ${problems.join("; ")}.`,
      );
    }
    const next = Object.freeze({ ...this.#switches, ...parsed.data });
    const allowlist = new AddressAllowlist(next.ipAllowlist);
    this.#switches = next;
    this.#allowlist = allowlist;

    const keys = Object.keys(parsed.data);
    if (keys.some((k) => k.startsWith("fault"))) {
      this.faults.reseed(next.faultSeed);
    }
    if (keys.some((k) => ["rateLimit", "rps", "burst"].includes(k))) {
      this.bucket.reset();
    }
    return next;
  }
}
