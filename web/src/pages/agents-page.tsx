import { type FormEvent, useState } from "react";
import { useApi } from "../api/api-context.js";
import type { Agent, CreatedAgent } from "../api/api-types.js";
import { ErrorAlert } from "../components/error-alert.js";
import { FormField, fieldProps } from "../components/form-field.js";
import { OneTimeCommand } from "../components/one-time-command.js";
import { PageTitle } from "../components/page-title.js";
import { StatusBadge } from "../components/status-badge.js";
import { errorAt, fieldErrorsOf } from "../lib/field-errors-of.js";
import { formatTime } from "../lib/format.js";
import { useAsync } from "../lib/use-async.js";

/**
 * Uplinked agents: the programs inside a customer's network that carry
 * requests to Coupa for connections of type Uplinked. Create one (its
 * start command is shown once), watch whether it is online, revoke it.
 */
export function AgentsPage() {
  const api = useApi();
  const agents = useAsync(() => api.listAgents(), [api]);
  const [created, setCreated] = useState<CreatedAgent>();
  const [error, setError] = useState<unknown>();

  async function revoke(agent: Agent) {
    const question =
      `Revoke agent "${agent.name}"? It disconnects at once and its ` +
      "Uplinked connections stop working until they get another agent.";
    if (!window.confirm(question)) return;
    try {
      await api.revokeAgent(agent.id);
      setError(undefined);
      agents.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  return (
    <>
      <PageTitle>Agents</PageTitle>
      <p className="lead">
        An agent runs inside your network and carries requests to Coupa for
        Uplinked connections, so Coupa sees your own addresses. It connects out
        to this server; nothing connects in.
      </p>
      <section aria-labelledby="agent-list-heading">
        <div className="section-head">
          <h2 id="agent-list-heading">Your agents</h2>
          <button type="button" onClick={agents.reload}>
            Refresh
          </button>
        </div>
        <ErrorAlert error={agents.error ?? error} />
        {agents.data?.length === 0 && (
          <p className="empty">No agents yet. Create the first below.</p>
        )}
        {agents.data && agents.data.length > 0 && (
          <AgentTable agents={agents.data} onRevoke={revoke} />
        )}
      </section>
      {created ? (
        <OneTimeCommand agent={created} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateAgentForm
          onCreated={(agent) => {
            setCreated(agent);
            agents.reload();
          }}
        />
      )}
    </>
  );
}

interface AgentTableProps {
  readonly agents: readonly Agent[];
  readonly onRevoke: (agent: Agent) => void;
}

function AgentTable({ agents, onRevoke }: AgentTableProps) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Last seen</th>
          <th scope="col">Version</th>
          <th scope="col">Requests in flight</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => (
          <tr key={agent.id}>
            <td>{agent.name}</td>
            <td>
              <StatusBadge status={agent.state} />
              {agent.state === "offline" && agent.offlineSince && (
                <span className="hint">
                  {" "}
                  since {formatTime(agent.offlineSince)}
                </span>
              )}
            </td>
            <td>{formatTime(agent.lastSeenAt)}</td>
            <td>{agent.version ?? "–"}</td>
            <td>{agent.inFlight}</td>
            <td>
              <button
                type="button"
                className="danger"
                aria-label={`Revoke agent ${agent.name}`}
                onClick={() => onRevoke(agent)}
              >
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface CreateAgentFormProps {
  readonly onCreated: (agent: CreatedAgent) => void;
}

function CreateAgentForm({ onCreated }: CreateAgentFormProps) {
  const api = useApi();
  const [name, setName] = useState("");
  const [host, setHost] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const nameError = errorAt(errors, "name");
  const hostError = errorAt(errors, "host");

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const trimmed = host.trim();
      onCreated(
        await api.createAgent({ name, ...(trimmed ? { host: trimmed } : {}) }),
      );
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-agent-heading">
      <h2 id="create-agent-heading">Create an agent</h2>
      <form onSubmit={submit} noValidate className="card">
        <FormField
          id="agent-name"
          label="Name"
          hint="Where it runs, e.g. the site or data centre."
          error={nameError}
        >
          <input
            {...fieldProps("agent-name", { hint: true, error: nameError })}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </FormField>
        <FormField
          id="agent-host"
          label="Coupa host it may reach (optional)"
          hint={
            <>
              Fills <code>--allow-host</code> in the start command, e.g.{" "}
              <code>acme.coupahost.com</code>.
            </>
          }
          error={hostError}
        >
          <input
            {...fieldProps("agent-host", { hint: true, error: hostError })}
            spellCheck={false}
            value={host}
            onChange={(event) => setHost(event.target.value)}
          />
        </FormField>
        <ErrorAlert error={error} shownFields={["name", "host"]} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Create agent
          </button>
        </div>
      </form>
    </section>
  );
}
