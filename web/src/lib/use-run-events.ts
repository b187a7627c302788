import { useEffect, useRef } from "react";

/** What the run page does with each kind of server-sent event. */
export interface RunEventHandlers {
  readonly onProgress: (data: unknown) => void;
  readonly onLog: (data: unknown) => void;
  readonly onDone: (data: unknown) => void;
}

/** Opens an event stream; default the browser's `EventSource`. */
export type EventSourceFactory = (url: string) => EventSource;

const defaultFactory: EventSourceFactory = (url) => new EventSource(url);

/**
 * Listens to a run's `progress`, `log` and `done` events while `url` is
 * set. The stream closes after `done`, so the browser does not reconnect
 * to a finished run.
 */
export function useRunEvents(
  url: string | undefined,
  handlers: RunEventHandlers,
  factory: EventSourceFactory = defaultFactory,
): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!url) return;
    const source = factory(url);
    const listen = (name: string, handle: (data: unknown) => void) =>
      source.addEventListener(name, (event) => {
        handle(parse((event as MessageEvent<string>).data));
      });
    listen("progress", (data) => latest.current.onProgress(data));
    listen("log", (data) => latest.current.onLog(data));
    listen("done", (data) => {
      source.close();
      latest.current.onDone(data);
    });
    return () => source.close();
  }, [url, factory]);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
