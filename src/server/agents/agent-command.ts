/**
 * The shell command that starts an agent against this service. The token
 * appears here only when the agent is created; `host` (a Coupa host or
 * URL) fills `--allow-host`, else a placeholder stays to be replaced.
 */
export function agentCommand(
  publicUrl: string,
  token: string,
  host?: string,
): string {
  return (
    `coupa-extractor agent --server ${publicUrl} --token ${token} ` +
    `--allow-host ${allowHost(host)}`
  );
}

function allowHost(host: string | undefined): string {
  if (!host) return "<your Coupa host>";
  const url = URL.canParse(host) ? new URL(host) : null;
  if (url?.hostname) return url.hostname;
  return host.includes(".") ? host : `${host}.coupahost.com`;
}
