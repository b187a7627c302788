import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import WebSocket from "ws";
import { AGENT_CLOSE_CODES } from "../../src/agent/agent-close-codes.js";
import { AgentRejectedError } from "../../src/agent/agent-rejected-error.js";
import { checkAgent } from "../../src/agent/check-agent.js";
import {
  type Transport,
  TransportError,
  type TransportRequest,
} from "../../src/coupa/transport.js";
import { AgentHarness } from "./agent-harness.js";
import { type HubHarness, startHub } from "./hub-harness.js";
import {
  pattern,
  startUpstream,
  type UpstreamServer,
} from "./upstream-server.js";

let service: HubHarness;
let upstream: UpstreamServer;
const agents = new AgentHarness();

beforeAll(async () => {
  service = await startHub({ windowBytes: 64 * 1024 });
  upstream = await startUpstream();
});

afterEach(() => agents.stopAll());

afterAll(async () => {
  await service.close();
  await upstream.close();
});

function get(path: string, extra: Partial<TransportRequest> = {}) {
  return {
    method: "GET" as const,
    url: `${upstream.origin}${path}`,
    headers: { accept: "application/json" },
    timeoutMs: 10_000,
    ...extra,
  };
}

async function connectedAgent(
  options: { maxConcurrent?: number; allow?: string[] } = {},
) {
  const created = service.registry.create(`agent-${Math.random()}`);
  const agent = agents.start({
    server: service.url,
    token: created.token,
    ...options,
  });
  await service.online(created.id);
  return { ...created, agent, transport: service.hub.transportFor(created.id) };
}

describe("AgentTransport", () => {
  it("returns status, headers and body exactly as the upstream sent them", async () => {
    const { transport } = await connectedAgent();

    const echo = await transport.request({
      ...get("/echo?a=1"),
      method: "POST",
      body: "grant_type=client_credentials",
    });
    const big = await transport.request(get("/bytes?n=1048577"));

    expect(echo.status).toBe(200);
    expect(echo.headers["x-upstream"]).toBe("yes");
    expect(JSON.parse(echo.body.toString())).toEqual({
      method: "POST",
      path: "/echo?a=1",
      body: "grant_type=client_credentials",
    });
    // 1 MiB + 1 through a 64 KiB window: the agent must wait for credit.
    expect(big.body.equals(pattern(1048577))).toBe(true);
  });

  it("delivers bodies intact with compression on the way switched off", async () => {
    const created = service.registry.create("plain");
    agents.start({
      server: service.url,
      token: created.token,
      compressMinBytes: 0,
    });
    await service.online(created.id);

    const big = await service.hub
      .transportFor(created.id)
      .request(get("/bytes?n=300001"));

    expect(big.body.equals(pattern(300001))).toBe(true);
  });

  it("refuses a host outside the agent's allowlist, naming it and the fix", async () => {
    const { transport, name } = await connectedAgent({
      allow: ["acme.coupahost.com"],
    });
    const before = upstream.received;

    const failure = await transport.request(get("/echo")).catch((e) => e);

    expect(failure).toBeInstanceOf(TransportError);
    expect(failure.kind).toBe("refused");
    expect(failure.message).toBe(
      `Agent ${name} refused GET ${upstream.origin}: host 127.0.0.1 is not ` +
        "in the agent's allowlist (acme.coupahost.com). To allow it, start " +
        "the agent with --allow-host 127.0.0.1 (or add it to the agent's " +
        "--allowlist-file) on the agent's machine.",
    );
    expect(upstream.received).toBe(before);
  });

  it("completes 200 concurrent requests over one connection with in-flight bounded by the agent", async () => {
    const { id, transport } = await connectedAgent({ maxConcurrent: 4 });
    const peaks: number[] = [];
    const sample = setInterval(() => {
      peaks.push(service.hub.status(id)?.inFlight ?? 0);
    }, 5);
    const before = upstream.received;

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        transport.request(get(`/slow?ms=${i % 7}`)),
      ),
    );
    clearInterval(sample);

    expect(responses.map((r) => r.body.toString())).toEqual(
      Array(200).fill("slow"),
    );
    expect(upstream.received - before).toBe(200);
    expect(upstream.maxConcurrent).toBeLessThanOrEqual(4);
    expect(Math.max(...peaks)).toBeLessThanOrEqual(4);
  });

  it("cancels the upstream request when the caller aborts", async () => {
    const { transport } = await connectedAgent();
    const before = upstream.abandoned;
    const controller = new AbortController();
    const received = upstream.received;

    const pending = transport.request(
      get("/hang", { signal: controller.signal }),
    );
    await vi.waitFor(() => expect(upstream.received).toBe(received + 1));
    controller.abort(new Error("stop"));

    await expect(pending).rejects.toThrow("stop");
    await vi.waitFor(() => expect(upstream.abandoned).toBe(before + 1));
  });

  it("passes the agent's timeout back as a timeout failure", async () => {
    const { transport } = await connectedAgent();

    const failure = await transport
      .request(get("/hang", { timeoutMs: 200 }))
      .catch((e) => e);

    expect(failure).toBeInstanceOf(TransportError);
    expect(failure.kind).toBe("timeout");
  });

  it("sends a request again when the agent drops mid-request and comes back", async () => {
    const { id, transport } = await connectedAgent();
    const received = upstream.received;

    const states: string[] = [];
    service.hub.on("status", (s) => {
      if (s.agentId === id) states.push(s.state);
    });

    const pending = transport.request(get("/slow?ms=300"));
    await vi.waitFor(() => expect(upstream.received).toBe(received + 1));
    service.hub.connection(id)?.close(1011, "test drops the agent");

    const response = await pending;
    expect(response.body.toString()).toBe("slow");
    expect(upstream.received).toBe(received + 2);
    expect(states).toEqual(["offline", "online"]);
  });

  it("waits for an agent that connects within the grace period", async () => {
    const created = service.registry.create("late");
    const transport = service.hub.transportFor(created.id);

    const pending = transport.request(get("/echo"));
    agents.start({ server: service.url, token: created.token });

    expect((await pending).status).toBe(200);
  });
});

describe("agent status and authentication", () => {
  it("fails requests for an agent that stays offline, saying how to start it", async () => {
    const created = service.registry.create("dc1-agent");
    const transport: Transport = service.hub.transportFor(created.id, {
      reconnectGraceMs: 100,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));

    const failure = await transport.request(get("/echo")).catch((e) => e);

    expect(failure).toBeInstanceOf(TransportError);
    expect(failure.kind).toBe("unavailable");
    expect(failure.message).toMatch(
      /^Agent dc1-agent is offline since \d{4}-\d\d-\d\dT[\d:.]+Z\. Start the agent inside your network: coupa-extractor agent --server http:\/\/127\.0\.0\.1:\d+ --token <agent token>$/,
    );
  });

  it("reports an offline agent as a failed check and an online one as passed", async () => {
    const created = service.registry.create("checked");

    const offline = checkAgent(service.hub, created.id);
    agents.start({ server: service.url, token: created.token });
    await service.online(created.id);
    const online = checkAgent(service.hub, created.id);

    expect(offline.status).toBe("fail");
    expect(offline.detail).toMatch(/^Agent checked offline since \d{4}-/);
    expect(offline.fix).toContain("coupa-extractor agent --server");
    expect(online.status).toBe("pass");
    expect(online.detail).toMatch(
      /^Agent checked online since .*version 0\.1\.0/,
    );
    expect(checkAgent(service.hub, "nope").status).toBe("fail");
  });

  it("rejects a wrong token and the agent stops with a message to create a new one", async () => {
    const agent = agents.start({ server: service.url, token: "cxa_wrong" });

    const failure = await agent.done.catch((e) => e);

    expect(failure).toBeInstanceOf(AgentRejectedError);
    expect(failure.closeCode).toBe(AGENT_CLOSE_CODES.tokenRejected);
    expect(failure.message).toContain(
      "create a new agent token in the service and start the agent with " +
        "--token <new token>",
    );
  });

  it("disconnects an agent whose token is revoked and refuses it afterwards", async () => {
    const { id, agent, transport } = await connectedAgent();

    service.hub.revoke(id);
    const failure = await agent.done.catch((e) => e);
    const request = await transport.request(get("/echo")).catch((e) => e);

    expect(failure).toBeInstanceOf(AgentRejectedError);
    expect(failure.closeCode).toBe(AGENT_CLOSE_CODES.revoked);
    expect(service.hub.status(id)?.state).toBe("offline");
    expect(request.kind).toBe("unavailable");
    expect(request.message).toContain("was revoked");
    expect(checkAgent(service.hub, id).status).toBe("fail");
  });

  it("emits a status change when an agent comes and goes", async () => {
    const seen: string[] = [];
    const listener = (s: { name: string; state: string }) => {
      if (s.name === "watched") seen.push(s.state);
    };
    service.hub.on("status", listener);
    const created = service.registry.create("watched");
    const agent = agents.start({ server: service.url, token: created.token });
    await service.online(created.id);

    await agent.stop();
    await vi.waitFor(() => expect(seen).toEqual(["online", "offline"]));
    service.hub.off("status", listener);
    expect(service.hub.status(created.id)?.offlineSince).toBeInstanceOf(Date);
  });

  it("reconnects by itself when the service restarts on the same address", async () => {
    const first = await startHub();
    const created = first.registry.create("survivor");
    const agent = agents.start({ server: first.url, token: created.token });
    await first.online(created.id);
    const port = Number(new URL(first.url).port);

    await first.close();
    await vi.waitFor(() => expect(agent.connected).toBe(false));
    const second = await startHub({ port, registry: first.registry });
    try {
      await second.online(created.id);
      const response = await second.hub
        .transportFor(created.id)
        .request(get("/echo"));

      expect(response.status).toBe(200);
      expect(agent.connected).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("takes an agent that stops answering heartbeats for gone", async () => {
    const quick = await startHub({ heartbeatMs: 20, deadAfterMs: 100 });
    const created = quick.registry.create("silent");
    const socket = new WebSocket(
      `${quick.url.replace("http", "ws")}/api/agents/connect`,
      {
        autoPong: false,
      },
    );
    try {
      await once(socket, "open");
      socket.send(
        JSON.stringify({
          t: "hello",
          protocol: 1,
          version: "test",
          token: created.token,
          maxConcurrent: 1,
        }),
      );
      await quick.online(created.id);
      const [code] = await once(socket, "close");

      expect(code).toBe(1006);
      await vi.waitFor(() =>
        expect(quick.hub.status(created.id)?.state).toBe("offline"),
      );
    } finally {
      socket.terminate();
      await quick.close();
    }
  });

  it("connects through an HTTPS proxy with CONNECT", async () => {
    const proxy = await startConnectProxy();
    try {
      const created = service.registry.create("proxied");
      agents.start({
        server: service.url,
        token: created.token,
        proxyUrl: proxy.url,
      });
      await service.online(created.id);
      const response = await service.hub
        .transportFor(created.id)
        .request(get("/echo"));

      expect(response.status).toBe(200);
      expect(proxy.tunnels).toEqual([new URL(service.url).host]);
    } finally {
      await proxy.close();
    }
  });
});

async function startConnectProxy() {
  const tunnels: string[] = [];
  const sockets = new Set<{ destroy(): void }>();
  const server: Server = createServer();
  server.on("connect", (req, client, head) => {
    tunnels.push(req.url ?? "");
    sockets.add(client);
    const [host, port] = (req.url ?? "").split(":");
    const target = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      target.write(head);
      target.pipe(client);
      client.pipe(target);
    });
    sockets.add(target);
    target.on("error", () => client.destroy());
    client.on("error", () => target.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: async () => {
      // Tunnels are no longer the HTTP server's connections: end them.
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
