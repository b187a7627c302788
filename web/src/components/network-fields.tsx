import type { Meta } from "../api/api-types.js";
import type { ConnectionDraft } from "../lib/connection-draft.js";
import { errorAt } from "../lib/field-errors-of.js";
import { AllowlistPanel } from "./allowlist-panel.js";
import { FormField, fieldProps } from "./form-field.js";

/** Props of `NetworkFields`. */
export interface NetworkFieldsProps {
  readonly draft: ConnectionDraft;
  readonly meta: Meta;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (draft: ConnectionDraft) => void;
}

/**
 * Where requests leave from (IP allowlisting) and how hard the extractor
 * may push the tenant.
 */
export function NetworkFields(props: NetworkFieldsProps) {
  return (
    <>
      <AllowlistFields {...props} />
      <LimitFields {...props} />
    </>
  );
}

function AllowlistFields({
  draft,
  meta,
  errors,
  onChange,
}: NetworkFieldsProps) {
  const clusterError = errorAt(errors, "cluster");
  const sourceError = errorAt(errors, "sourceAddress");
  const cluster = meta.clusters.find((item) => item.name === draft.cluster);
  return (
    <fieldset>
      <legend>IP allowlisting</legend>
      {draft.mode === "uplinked" ? (
        <p className="hint">
          Uplinked: requests leave from the agent inside your network, so allow
          the agent's address, not the cluster's.
        </p>
      ) : (
        <>
          <p className="hint">
            If your company restricts which addresses may call Coupa, ask your
            network team to allow these.
          </p>
          <FormField id="conn-cluster" label="Cluster" error={clusterError}>
            <select
              {...fieldProps("conn-cluster", { error: clusterError })}
              value={draft.cluster}
              onChange={(e) => onChange({ ...draft, cluster: e.target.value })}
            >
              {meta.clusters.map((item) => (
                <option key={item.name} value={item.name}>
                  {item.name}
                </option>
              ))}
            </select>
          </FormField>
          <AllowlistPanel cluster={cluster} />
        </>
      )}
      <FormField
        id="conn-source-address"
        label="Fixed source address (optional)"
        hint="Send every request from this local IP address, when only one address is allowed through your firewall."
        error={sourceError}
      >
        <input
          {...fieldProps("conn-source-address", {
            hint: true,
            error: sourceError,
          })}
          spellCheck={false}
          placeholder="e.g. 203.0.113.10"
          value={draft.sourceAddress}
          onChange={(e) =>
            onChange({ ...draft, sourceAddress: e.target.value })
          }
        />
      </FormField>
    </fieldset>
  );
}

const LIMITS = [
  {
    key: "requestsPerSecond",
    label: "Requests per second",
    placeholder: "25",
  },
  { key: "burst", label: "Burst", placeholder: "20" },
  {
    key: "maxParallelRequests",
    label: "Parallel requests",
    placeholder: "16",
  },
] as const;

function LimitFields({ draft, errors, onChange }: NetworkFieldsProps) {
  const insecureError = errorAt(errors, "allowInsecureHttp");
  return (
    <fieldset>
      <legend>Limits (optional)</legend>
      <p className="hint">
        Leave blank for the defaults, which stay within Coupa's rate limit.
      </p>
      <div className="row">
        {LIMITS.map(({ key, label, placeholder }) => {
          const id = `conn-${key}`;
          const error = errorAt(errors, key);
          return (
            <FormField key={key} id={id} label={label} error={error}>
              <input
                {...fieldProps(id, { error })}
                inputMode="numeric"
                placeholder={placeholder}
                value={draft[key]}
                onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
              />
            </FormField>
          );
        })}
      </div>
      <div className="checkbox">
        <input
          type="checkbox"
          id="conn-allow-insecure"
          aria-describedby="conn-allow-insecure-hint"
          checked={draft.allowInsecureHttp}
          onChange={(e) =>
            onChange({ ...draft, allowInsecureHttp: e.target.checked })
          }
        />
        <label htmlFor="conn-allow-insecure">Allow plain http://</label>
        <div className="hint" id="conn-allow-insecure-hint">
          Only for a local simulator or test host: Coupa itself is HTTPS only.
        </div>
        {insecureError && <div className="field-error">{insecureError}</div>}
      </div>
    </fieldset>
  );
}
