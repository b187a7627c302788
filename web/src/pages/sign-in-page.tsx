import { type FormEvent, useState } from "react";
import { ApiClient } from "../api/api-client.js";
import { ApiError } from "../api/api-error.js";
import { ErrorAlert } from "../components/error-alert.js";
import { FormField, fieldProps } from "../components/form-field.js";

/** Props of `SignInPage`. */
export interface SignInPageProps {
  /** Called with a token the server accepted. */
  readonly onSignIn: (token: string) => void;
  /** Why the user is here again, e.g. an expired token; default none. */
  readonly notice?: string | undefined;
}

/**
 * Asks for an API token and checks it against the server before keeping
 * it, so a typo shows up here and not on the next page.
 */
export function SignInPage({ onSignIn, notice }: SignInPageProps) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const tokenError = tokenErrorOf(error, token);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await new ApiClient({ token: token.trim() }).meta();
      onSignIn(token.trim());
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1 tabIndex={-1}>Sign in to Coupa Extractor</h1>
      {notice && <p className="notice">{notice}</p>}
      <form onSubmit={submit} noValidate className="card">
        <FormField
          id="api-token"
          label="API token"
          hint={
            <>
              Create one on the server with{" "}
              <code>coupa-extractor token create</code> and paste it here.
            </>
          }
          error={tokenError}
        >
          <input
            {...fieldProps("api-token", { hint: true, error: tokenError })}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </FormField>
        {tokenError === undefined && <ErrorAlert error={error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </form>
    </main>
  );
}

function tokenErrorOf(error: unknown, token: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 401 || error.status === 403) {
    return token.trim() === ""
      ? "Paste an API token first."
      : "The server did not accept this token. Check that you copied it " +
          "whole, or create a new one with `coupa-extractor token create`.";
  }
  return undefined;
}
