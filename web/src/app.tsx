import { type ReactNode, useMemo, useState } from "react";
import { ApiClient } from "./api/api-client.js";
import { ApiContext } from "./api/api-context.js";
import { hrefOf, matchRoute, useHashRoute } from "./lib/hash-route.js";
import type { TokenStore } from "./lib/token-store.js";
import { AgentsPage } from "./pages/agents-page.js";
import { ConnectionPage } from "./pages/connection-page.js";
import { JobPage } from "./pages/job-page.js";
import { PoolPage } from "./pages/pool-page.js";
import { PoolsPage } from "./pages/pools-page.js";
import { RunPage } from "./pages/run-page.js";
import { SignInPage } from "./pages/sign-in-page.js";
import { TablePage } from "./pages/table-page.js";

/** Props of `App`. */
export interface AppProps {
  /** Where the API token is kept between visits. */
  readonly tokens: TokenStore;
}

/** The web UI: sign-in, then the pages behind a hash router. */
export function App({ tokens }: AppProps) {
  const [token, setToken] = useState(() => tokens.load());
  const [notice, setNotice] = useState<string>();
  const api = useMemo(() => {
    if (!token) return undefined;
    const onUnauthorized = () => {
      tokens.clear();
      setToken(undefined);
      setNotice(
        "The server no longer accepts your API token. Sign in with a " +
          "valid one.",
      );
    };
    return new ApiClient({ token, onUnauthorized });
  }, [token, tokens]);

  if (!api) {
    return (
      <SignInPage
        notice={notice}
        onSignIn={(accepted) => {
          tokens.save(accepted);
          setNotice(undefined);
          setToken(accepted);
        }}
      />
    );
  }

  const signOut = () => {
    tokens.clear();
    setToken(undefined);
  };
  return (
    <ApiContext.Provider value={api}>
      <header className="top">
        <a className="brand" href={hrefOf("/")}>
          Coupa Extractor
        </a>
        <nav aria-label="Main">
          <a href={hrefOf("/")}>Data pools</a>
          <a href={hrefOf("/agents")}>Agents</a>
        </nav>
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Routes />
      </main>
    </ApiContext.Provider>
  );
}

type Page = (params: Record<string, string>) => ReactNode;

/** Routes from most to least specific; the first match wins. */
const ROUTES: readonly (readonly [string, Page])[] = [
  ["/", () => <PoolsPage />],
  ["/agents", () => <AgentsPage />],
  ["/pools/:poolId", (p) => <PoolPage poolId={req(p.poolId)} />],
  [
    "/pools/:poolId/connections/new",
    (p) => <ConnectionPage poolId={req(p.poolId)} />,
  ],
  [
    "/pools/:poolId/connections/:connectionId",
    (p) => (
      <ConnectionPage poolId={req(p.poolId)} connectionId={p.connectionId} />
    ),
  ],
  ["/pools/:poolId/jobs/new", (p) => <JobPage poolId={req(p.poolId)} />],
  [
    "/pools/:poolId/jobs/:jobId",
    (p) => <JobPage poolId={req(p.poolId)} jobId={p.jobId} />,
  ],
  [
    "/pools/:poolId/runs/:runId",
    (p) => <RunPage poolId={req(p.poolId)} runId={req(p.runId)} />,
  ],
  [
    "/pools/:poolId/tables/:table",
    (p) => <TablePage poolId={req(p.poolId)} table={req(p.table)} />,
  ],
];

function Routes() {
  const route = useHashRoute();
  for (const [pattern, page] of ROUTES) {
    const params = matchRoute(pattern, route);
    // The key remounts the page when the route changes, so no state leaks.
    if (params) return <div key={route}>{page(params)}</div>;
  }
  return (
    <div role="alert" className="alert">
      <p>
        There is no page at <code>{route}</code>. Go back to the{" "}
        <a href={hrefOf("/")}>data pools</a>.
      </p>
    </div>
  );
}

function req(value: string | undefined): string {
  return value ?? "";
}
