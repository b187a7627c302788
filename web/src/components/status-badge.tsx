/** Props of `StatusBadge`. */
export interface StatusBadgeProps {
  /** A run, table or check status, e.g. `running`, `pass`. */
  readonly status: string;
}

/** A status as a coloured word; the word itself carries the meaning. */
export function StatusBadge({ status }: StatusBadgeProps) {
  return <span className={`badge badge-${status}`}>{status}</span>;
}
