import type { Meta } from "../api/api-types.js";
import {
  type ConnectionDraft,
  withPlannedTables,
} from "../lib/connection-draft.js";
import { errorAt } from "../lib/field-errors-of.js";
import { FormField, fieldProps } from "./form-field.js";
import { TablePicker } from "./table-picker.js";

/** Props of `AuthFields`. */
export interface AuthFieldsProps {
  readonly draft: ConnectionDraft;
  readonly meta: Meta;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (draft: ConnectionDraft) => void;
  /** Masked secret of a saved connection (`••••abcd`); default none. */
  readonly savedSecret?: string | undefined;
}

/**
 * How the extractor signs in to Coupa: an OAuth 2.0 client with
 * client credentials (what Coupa supports), or a legacy API key.
 */
export function AuthFields(props: AuthFieldsProps) {
  const { draft, errors, onChange } = props;
  const typeError = errorAt(errors, "auth.type");
  return (
    <>
      <fieldset className="radio-group">
        <legend>Authentication method</legend>
        <label>
          <input
            type="radio"
            id="auth-type-oauth"
            name="auth-type"
            value="oauth"
            checked={draft.authType === "oauth"}
            onChange={() => onChange({ ...draft, authType: "oauth" })}
          />
          OAuth 2.0 client credentials
        </label>
        <label>
          <input
            type="radio"
            id="auth-type-api-key"
            name="auth-type"
            value="apiKey"
            checked={draft.authType === "apiKey"}
            onChange={() => onChange({ ...draft, authType: "apiKey" })}
          />
          API key (legacy)
        </label>
        {typeError && <div className="field-error">{typeError}</div>}
      </fieldset>
      {draft.authType === "oauth" ? (
        <OAuthFields {...props} />
      ) : (
        <ApiKeyFields {...props} />
      )}
    </>
  );
}

function OAuthFields(props: AuthFieldsProps) {
  const { draft, meta, errors, onChange, savedSecret } = props;
  const idError = errorAt(errors, "auth.clientId");
  const secretError = errorAt(errors, "auth.clientSecret");
  const scopesError = errorAt(errors, "auth.scopes");
  return (
    <>
      <p className="hint">
        In Coupa: Setup › Integrations › OAuth2/OpenID Connect Clients › Create,
        grant type <em>Client credentials</em>. Copy its Identifier and Secret
        here.
      </p>
      <FormField id="conn-client-id" label="Client identifier" error={idError}>
        <input
          {...fieldProps("conn-client-id", { error: idError })}
          autoComplete="off"
          spellCheck={false}
          value={draft.clientId}
          onChange={(e) => onChange({ ...draft, clientId: e.target.value })}
        />
      </FormField>
      <FormField
        id="conn-client-secret"
        label="Client secret"
        hint={
          savedSecret
            ? `Saved secret ${savedSecret}. Leave blank to keep it.`
            : undefined
        }
        error={secretError}
      >
        <input
          {...fieldProps("conn-client-secret", {
            hint: Boolean(savedSecret),
            error: secretError,
          })}
          type="password"
          autoComplete="new-password"
          value={draft.clientSecret}
          onChange={(e) => onChange({ ...draft, clientSecret: e.target.value })}
        />
      </FormField>
      <details className="planned-tables">
        <summary>
          Tables this connection will read ({draft.plannedTables.length} of{" "}
          {meta.resources.length})
        </summary>
        <p className="hint">
          The scopes below follow these tables until you edit them.
        </p>
        <TablePicker
          idPrefix="conn-plan"
          resources={meta.resources}
          selected={draft.plannedTables}
          onChange={(tables) =>
            onChange(withPlannedTables(draft, meta, tables))
          }
        />
      </details>
      <FormField
        id="conn-scopes"
        label="Scopes"
        hint="The read scopes the chosen tables need, separated by spaces. Grant exactly these to the OAuth client."
        error={scopesError}
      >
        <textarea
          {...fieldProps("conn-scopes", { hint: true, error: scopesError })}
          rows={3}
          spellCheck={false}
          value={draft.scopes}
          onChange={(e) =>
            onChange({ ...draft, scopes: e.target.value, scopesEdited: true })
          }
        />
      </FormField>
    </>
  );
}

function ApiKeyFields(props: AuthFieldsProps) {
  const { draft, errors, onChange, savedSecret } = props;
  const keyError = errorAt(errors, "auth.key");
  const apiKeyProps = fieldProps("conn-api-key", {
    hint: Boolean(savedSecret),
    error: keyError,
  });
  // The retirement note belongs to the field, so screen readers read it.
  apiKeyProps["aria-describedby"] = [
    "api-key-warning",
    apiKeyProps["aria-describedby"],
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <p className="warning" id="api-key-warning">
        Coupa is retiring API keys: new keys can no longer be created, and
        existing ones stop working. Create an OAuth 2.0 client with client
        credentials and use it instead.
      </p>
      <FormField
        id="conn-api-key"
        label="API key"
        hint={
          savedSecret
            ? `Saved key ${savedSecret}. Leave blank to keep it.`
            : undefined
        }
        error={keyError}
      >
        <input
          {...apiKeyProps}
          type="password"
          autoComplete="new-password"
          value={draft.apiKey}
          onChange={(e) => onChange({ ...draft, apiKey: e.target.value })}
        />
      </FormField>
    </>
  );
}
