import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseConnectionConfig } from "../../src/connection/parse-connection-config.js";
import { CoupaClient } from "../../src/coupa/coupa-client.js";
import { AgentRefusedError } from "../../src/coupa/errors/agent-refused-error.js";
import { AgentUnavailableError } from "../../src/coupa/errors/agent-unavailable-error.js";
import type { Transport } from "../../src/coupa/transport.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { AgentHarness } from "./agent-harness.js";
import { type HubHarness, startHub } from "./hub-harness.js";

let sim: RunningSimulator;
let service: HubHarness;
const agents = new AgentHarness();

beforeAll(async () => {
  sim = await startSimulator({ size: 5, rateLimit: false });
  service = await startHub();
});

afterEach(() => agents.stopAll());

afterAll(async () => {
  await service?.close();
  await sim?.close();
});

function clientThrough(agentId: string, transport: Transport) {
  return new CoupaClient({
    connection: parseConnectionConfig({
      name: "acme",
      mode: "uplinked",
      agent: agentId,
      host: sim.baseUrl,
      auth: {
        type: "oauth",
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
      },
    }),
    transport,
  });
}

async function firstPageFailure(client: CoupaClient) {
  try {
    return await client.getPage("/api/invoices", [["limit", "1"]]).then(
      () => undefined,
      (error: unknown) => error,
    );
  } finally {
    await client.close();
  }
}

describe("the client's errors for Uplinked agents", () => {
  it("reports a host outside the agent's allowlist as AGENT_REFUSED with the agent's fix and no firewall advice", async () => {
    const created = service.registry.create("strict");
    agents.start({
      server: service.url,
      token: created.token,
      allow: ["acme.coupahost.com"],
    });
    await service.online(created.id);

    const error = await firstPageFailure(
      clientThrough(created.id, service.hub.transportFor(created.id)),
    );

    expect(error).toBeInstanceOf(AgentRefusedError);
    const refused = error as AgentRefusedError;
    expect(refused.code).toBe("AGENT_REFUSED");
    expect(refused.retryable).toBe(false);
    expect(refused.message).toContain(
      "host 127.0.0.1 is not in the agent's allowlist",
    );
    expect(refused.message).toContain("--allow-host 127.0.0.1");
    expect(refused.message).not.toMatch(/firewall/i);
  });

  it("reports an offline agent as AGENT_UNAVAILABLE naming since when, retryable, with no firewall advice", async () => {
    const created = service.registry.create("away");
    const transport = service.hub.transportFor(created.id, {
      reconnectGraceMs: 0,
    });

    const error = await firstPageFailure(clientThrough(created.id, transport));

    expect(error).toBeInstanceOf(AgentUnavailableError);
    const unavailable = error as AgentUnavailableError;
    expect(unavailable.code).toBe("AGENT_UNAVAILABLE");
    expect(unavailable.retryable).toBe(true);
    expect(unavailable.message).toMatch(
      /^Agent away is offline since \d{4}-\d\d-\d\dT[\d:.]+Z\. Start the agent/,
    );
    expect(unavailable.message).not.toMatch(/firewall/i);
  });
});
