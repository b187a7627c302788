/** Props of `LoadingNote`. */
export interface LoadingNoteProps {
  /** Show the note; default true. */
  readonly when?: boolean;
}

/** "Loading…", announced politely, while a page waits for the server. */
export function LoadingNote({ when = true }: LoadingNoteProps) {
  if (!when) return null;
  return (
    <p className="empty" role="status">
      Loading…
    </p>
  );
}
