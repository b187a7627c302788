import { useState } from "react";
import type { MetaCluster } from "../api/api-types.js";

/** Props of `AllowlistPanel`. */
export interface AllowlistPanelProps {
  readonly cluster: MetaCluster | undefined;
  /** Writes text to the clipboard; default `navigator.clipboard`. */
  readonly copy?: (text: string) => Promise<void>;
}

/**
 * The addresses a network team must allow for requests from this
 * cluster, with a button that copies them one per line.
 */
export function AllowlistPanel({ cluster, copy }: AllowlistPanelProps) {
  const [status, setStatus] = useState("");
  const addresses = cluster?.egress ?? [];

  async function copyAll() {
    const write = copy ?? ((text) => navigator.clipboard.writeText(text));
    try {
      await write(addresses.join("\n"));
      setStatus(`Copied ${addresses.length} addresses.`);
    } catch {
      setStatus(
        "Could not reach the clipboard. Select the addresses above and " +
          "copy them by hand.",
      );
    }
  }

  if (!cluster) return <p className="hint">No cluster is configured.</p>;
  return (
    <div className="allowlist">
      <p id="egress-label">
        Requests from cluster <strong>{cluster.name}</strong> leave from:
      </p>
      <ul className="egress" aria-labelledby="egress-label">
        {addresses.map((address) => (
          <li key={address}>
            <code>{address}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={copyAll} disabled={addresses.length === 0}>
        Copy addresses
      </button>
      <span className="copy-status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
