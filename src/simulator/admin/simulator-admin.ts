import type { ApiKey, ApiKeyInput } from "../auth/api-key-registry.js";
import type { OAuthClient } from "../auth/oauth-client-registry.js";
import type { MutationResult, SimRecord } from "../data/simulator-data.js";
import type { RequestLogEntry } from "../request-log.js";
import type { SimulatorState } from "../simulator-state.js";
import type { SimulatorSwitches } from "../simulator-switches.js";
import { AdminRequestError } from "./admin-request-error.js";
import {
  apiKeyInputSchema,
  type ClientInput,
  clientInputSchema,
  mutationSchema,
  type SimulatorMutation,
} from "./admin-schemas.js";
import { parseAdminInput } from "./parse-admin-input.js";

/**
 * The simulator's control panel, in process: the same operations the
 * admin HTTP API offers under `/__admin`, for tests that hold the
 * running simulator.
 *
 * @example
 * const key = sim.admin.createApiKey({ login: "etl", email: "etl@x.test" });
 * sim.admin.setSwitches({ rateLimit: false });
 */
export class SimulatorAdmin {
  readonly #state: SimulatorState;
  readonly #readScopes: readonly string[];

  /** @param readScopes scopes a new client gets when none are named */
  constructor(state: SimulatorState, readScopes: readonly string[]) {
    this.#state = state;
    this.#readScopes = readScopes;
  }

  /** Creates (or replaces) an OAuth client; default every read scope. */
  createClient(input: ClientInput = {}): OAuthClient {
    const parsed = parseAdminInput(clientInputSchema, input, "OAuth client");
    return this.#state.clients.create({
      ...parsed,
      scopes: parsed.scopes ?? this.#readScopes,
    });
  }

  /** Creates a legacy API key; login and email must be unique. */
  createApiKey(input: ApiKeyInput): ApiKey {
    return this.#state.apiKeys.create(
      parseAdminInput(apiKeyInputSchema, input, "API key"),
    );
  }

  /** Revokes an API key by id. */
  revokeApiKey(id: string): ApiKey {
    return this.#state.apiKeys.revoke(id);
  }

  /** Gives an API key a new value; the old one stops working. */
  regenerateApiKey(id: string): ApiKey {
    return this.#state.apiKeys.regenerate(id);
  }

  /** Changes the data (update, insert, remove, addCustomField). */
  mutate(mutation: SimulatorMutation): MutationResult {
    const m = parseAdminInput(mutationSchema, mutation, "mutation");
    const data = this.#state.data;
    this.#assertResource(m.resource);
    switch (m.op) {
      case "update":
        return data.update(m.resource, m.count, {
          ...(m.ids ? { ids: m.ids } : {}),
          ...(m.touchLines === undefined ? {} : { touchLines: m.touchLines }),
        });
      case "insert":
        return data.insert(m.resource, m.count);
      case "remove":
        return data.remove(m.resource, m.count, m.ids);
      case "addCustomField":
        data.addCustomField(m.resource, m.name, m.type);
        return { resource: m.resource, ids: [] };
    }
  }

  /** Every live record of a resource, as a full list would return it. */
  groundTruth(resource: string): Iterable<SimRecord> {
    this.#assertResource(resource);
    return this.#state.data.groundTruth(resource);
  }

  /** The switches in force. */
  switches(): SimulatorSwitches {
    return this.#state.switches;
  }

  /** Changes some switches and returns all of them. */
  setSwitches(patch: Partial<SimulatorSwitches>): SimulatorSwitches {
    return this.#state.setSwitches(patch);
  }

  /** Requests to the API and token endpoints, oldest first. */
  requestLog(): RequestLogEntry[] {
    return this.#state.log.entries();
  }

  /** Forgets the logged requests. */
  clearRequestLog(): void {
    this.#state.log.clear();
  }

  #assertResource(resource: string): void {
    if (this.#state.data.resources.includes(resource)) return;
    throw new AdminRequestError(
      "ADMIN_NOT_FOUND",
      `Unknown resource "${resource}"; served resources: ` +
        `${this.#state.data.resources.join(", ")}.`,
    );
  }
}
