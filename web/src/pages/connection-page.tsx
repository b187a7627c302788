import { useApi } from "../api/api-context.js";
import type { Agent, Connection, Meta } from "../api/api-types.js";
import { AuthFields } from "../components/auth-fields.js";
import { CheckList } from "../components/check-list.js";
import { ErrorAlert } from "../components/error-alert.js";
import { FormField, fieldProps } from "../components/form-field.js";
import { LoadingNote } from "../components/loading-note.js";
import { NetworkFields } from "../components/network-fields.js";
import { PageTitle } from "../components/page-title.js";
import type { ConnectionDraft } from "../lib/connection-draft.js";
import { errorAt } from "../lib/field-errors-of.js";
import { hrefOf } from "../lib/hash-route.js";
import { hostPreview } from "../lib/host-preview.js";
import { useAsync } from "../lib/use-async.js";
import { useConnectionForm } from "../lib/use-connection-form.js";
import { usePoolCrumbs } from "../lib/use-pool-crumbs.js";

/** Props of `ConnectionPage`. */
export interface ConnectionPageProps {
  readonly poolId: string;
  /** The connection to edit; undefined adds a new one. */
  readonly connectionId?: string | undefined;
}

/** "Add data connection" for Coupa, or the settings of a saved one. */
export function ConnectionPage({ poolId, connectionId }: ConnectionPageProps) {
  const api = useApi();
  const crumbs = usePoolCrumbs(poolId);
  const loaded = useAsync(async () => {
    const [meta, agents, connection] = await Promise.all([
      api.meta(),
      api.listAgents(),
      connectionId ? api.getConnection(connectionId) : undefined,
    ]);
    return { meta, agents, connection };
  }, [api, connectionId]);

  const title = connectionId ? "Data connection" : "Add data connection";
  return (
    <>
      <PageTitle crumbs={crumbs}>{title}</PageTitle>
      <ErrorAlert error={loaded.error} />
      <LoadingNote when={loaded.loading && !loaded.data} />
      {loaded.data && (
        <ConnectionForm
          poolId={poolId}
          meta={loaded.data.meta}
          agents={loaded.data.agents}
          connection={loaded.data.connection}
        />
      )}
    </>
  );
}

/** Every field path the form shows next to an input. */
const SHOWN_FIELDS = [
  "name",
  "mode",
  "agent",
  "host",
  "auth",
  "apiVersion",
  "cluster",
  "sourceAddress",
  "requestsPerSecond",
  "burst",
  "maxParallelRequests",
  "allowInsecureHttp",
];

function ConnectionForm(props: {
  poolId: string;
  meta: Meta;
  agents: readonly Agent[];
  connection: Connection | undefined;
}) {
  const { poolId, meta, agents, connection } = props;
  const form = useConnectionForm(useApi(), poolId, meta, connection);
  const { draft, errors, error, busy, result, change } = form;
  const savedSecret = savedSecretOf(connection);
  return (
    <form onSubmit={form.save} noValidate className="card connection-form">
      <BasicFields
        draft={draft}
        meta={meta}
        agents={agents}
        savedAgent={connection?.agentStatus ?? undefined}
        errors={errors}
        onChange={change}
      />
      <AuthFields
        draft={draft}
        meta={meta}
        errors={errors}
        onChange={change}
        savedSecret={savedSecret}
      />
      <VersionField
        draft={draft}
        meta={meta}
        errors={errors}
        onChange={change}
      />
      <NetworkFields
        draft={draft}
        meta={meta}
        errors={errors}
        onChange={change}
      />
      <ErrorAlert error={error} shownFields={SHOWN_FIELDS} />
      <div className="actions">
        <button type="button" onClick={form.test} disabled={busy !== undefined}>
          {busy === "test" ? "Testing…" : "Test connection"}
        </button>
        <button type="submit" className="primary" disabled={busy !== undefined}>
          {connection ? "Save changes" : "Save connection"}
        </button>
        {connection && (
          <button type="button" className="danger" onClick={form.remove}>
            Delete connection
          </button>
        )}
      </div>
      <div aria-live="polite" className="test-output">
        {result && <CheckList result={result} />}
      </div>
    </form>
  );
}

interface FieldsProps {
  draft: ConnectionDraft;
  meta: Meta;
  errors: Readonly<Record<string, string>>;
  onChange: (draft: ConnectionDraft) => void;
}

interface BasicFieldsProps extends FieldsProps {
  /** Agents to choose from for an Uplinked connection. */
  agents: readonly Agent[];
  /** The saved connection's agent, listed even when revoked. */
  savedAgent: Agent | undefined;
}

function BasicFields(props: BasicFieldsProps) {
  const { draft, errors, onChange } = props;
  const nameError = errorAt(errors, "name");
  const modeError = errorAt(errors, "mode");
  const hostError = errorAt(errors, "host");
  const agentError = errorAt(errors, "agent");
  const preview = hostPreview(draft.host);
  return (
    <>
      <FormField id="conn-name" label="Name" error={nameError}>
        <input
          {...fieldProps("conn-name", { error: nameError })}
          placeholder="e.g. Coupa production"
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
        />
      </FormField>
      <fieldset className="radio-group">
        <legend>Connection type</legend>
        <label>
          <input
            type="radio"
            id="conn-mode-direct"
            name="conn-mode"
            value="direct"
            checked={draft.mode === "direct"}
            onChange={() => onChange({ ...draft, mode: "direct" })}
          />
          Direct: this server calls Coupa over the internet
        </label>
        <label>
          <input
            type="radio"
            id="conn-mode-uplinked"
            name="conn-mode"
            value="uplinked"
            checked={draft.mode === "uplinked"}
            onChange={() => onChange({ ...draft, mode: "uplinked" })}
          />
          Uplinked: through an agent inside your network
        </label>
        {modeError && <div className="field-error">{modeError}</div>}
      </fieldset>
      {draft.mode === "uplinked" && (
        <AgentSelect
          agents={props.agents}
          savedAgent={props.savedAgent}
          value={draft.agent}
          error={agentError}
          onChange={(agent) => onChange({ ...draft, agent })}
        />
      )}
      <FormField
        id="conn-host"
        label="Coupa tenant or host"
        hint={
          <>
            Your instance name, like <code>acme</code>, or its host, like{" "}
            <code>acme.coupahost.com</code>.
            {preview && (
              <>
                {" "}
                Requests go to <code>{preview}</code>.
              </>
            )}
          </>
        }
        error={hostError}
      >
        <input
          {...fieldProps("conn-host", { hint: true, error: hostError })}
          spellCheck={false}
          autoComplete="off"
          placeholder="acme"
          value={draft.host}
          onChange={(e) => onChange({ ...draft, host: e.target.value })}
        />
      </FormField>
    </>
  );
}

function VersionField({ draft, meta, errors, onChange }: FieldsProps) {
  const versionError = errorAt(errors, "apiVersion");
  return (
    <FormField
      id="conn-api-version"
      label="API version"
      hint="The Coupa release your tenant runs; the latest is preselected."
      error={versionError}
    >
      <select
        {...fieldProps("conn-api-version", { hint: true, error: versionError })}
        value={draft.apiVersion}
        onChange={(e) => onChange({ ...draft, apiVersion: e.target.value })}
      >
        {meta.apiVersions.map((version) => (
          <option key={version} value={version}>
            {version}
            {version === meta.latestApiVersion ? " (latest)" : ""}
          </option>
        ))}
      </select>
    </FormField>
  );
}

function savedSecretOf(connection: Connection | undefined) {
  if (!connection) return undefined;
  const auth = connection.auth;
  return auth.type === "oauth" ? auth.clientSecret : auth.key;
}

interface AgentSelectProps {
  agents: readonly Agent[];
  savedAgent: Agent | undefined;
  value: string;
  error: string | undefined;
  onChange: (agentId: string) => void;
}

/**
 * The Uplinked agent to send requests through, chosen from the server's
 * agents; a saved connection's revoked agent stays listed, marked, so
 * the form shows what is stored and why it fails.
 */
function AgentSelect(props: AgentSelectProps) {
  const { savedAgent, value, error, onChange } = props;
  const listed = props.agents.some((agent) => agent.id === savedAgent?.id);
  const agents =
    savedAgent && !listed ? [...props.agents, savedAgent] : props.agents;
  const unknown = value !== "" && !agents.some((agent) => agent.id === value);
  return (
    <FormField
      id="conn-agent"
      label="Agent"
      hint={
        <>
          The agent inside your network that carries this connection's requests.
          Create one on the <a href={hrefOf("/agents")}>Agents</a> page.
        </>
      }
      error={error}
    >
      <select
        {...fieldProps("conn-agent", { hint: true, error })}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">
          {agents.length === 0 ? "No agents yet" : "Choose an agent"}
        </option>
        {agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name} ({agent.state})
          </option>
        ))}
        {unknown && <option value={value}>Unknown agent {value}</option>}
      </select>
    </FormField>
  );
}
