import { useState } from "react";
import type { CreatedAgent } from "../api/api-types.js";

/** Props of `OneTimeCommand`. */
export interface OneTimeCommandProps {
  readonly agent: CreatedAgent;
  /** Writes text to the clipboard; default `navigator.clipboard`. */
  readonly copy?: (text: string) => Promise<void>;
  /** Hides the command for good; the server cannot show it again. */
  readonly onDone: () => void;
}

/**
 * A new agent's start command, token included, with a copy button. The
 * server keeps only the token's hash, so this is the one chance to copy
 * it; the panel says so.
 */
export function OneTimeCommand({ agent, copy, onDone }: OneTimeCommandProps) {
  const [status, setStatus] = useState("");

  async function copyCommand() {
    const write = copy ?? ((text) => navigator.clipboard.writeText(text));
    try {
      await write(agent.command);
      setStatus("Command copied.");
    } catch {
      setStatus(
        "Could not reach the clipboard. Select the command above and copy " +
          "it by hand.",
      );
    }
  }

  return (
    <section
      className="card one-time-command"
      aria-labelledby="agent-created-heading"
    >
      <h3 id="agent-created-heading">Agent {agent.name} created</h3>
      <p>
        Run this on a machine inside your network that can reach Coupa. It holds
        the agent's token, which is shown <strong>only now</strong>: copy it
        before you leave this page.
      </p>
      <pre className="command">
        <code>{agent.command}</code>
      </pre>
      <div className="actions">
        <button type="button" className="primary" onClick={copyCommand}>
          Copy command
        </button>
        <button type="button" onClick={onDone}>
          I have copied it
        </button>
        <span className="copy-status" aria-live="polite">
          {status}
        </span>
      </div>
    </section>
  );
}
