import type { FastifyReply } from "fastify";
import type { Run } from "../schemas/run-schemas.js";
import type { ServerContext } from "../server-context.js";

const HEARTBEAT_MS = 15_000;

/**
 * Streams a run as server-sent events: the current `progress`, the log
 * lines kept so far, then live `progress` and `log` events, and a final
 * `done` event carrying the run with its report, after which the stream
 * ends. A run that has already ended gets its lines and `done` at once.
 * Everything up to the subscription runs in one turn of the event loop,
 * so no line falls between the stored ones and the live ones.
 */
export function streamRunEvents(
  ctx: ServerContext,
  run: Run,
  reply: FastifyReply,
): void {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  const send = (event: string, data: unknown) => {
    if (!out.writableEnded) {
      out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    }
  };

  if (run.progress !== null) send("progress", run.progress);
  for (const line of ctx.logs.list(run.id)) send("log", line);
  if (!ctx.runManager.isLive(run.id)) {
    send("done", ctx.runManager.get(run.id));
    out.end();
    return;
  }

  const heartbeat = setInterval(
    () => out.write(": keep-alive\n\n"),
    HEARTBEAT_MS,
  );
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  const unsubscribe = ctx.runManager.subscribe(run.id, {
    progress: (progress) => send("progress", progress),
    log: (line) => send("log", line),
    done: (final) => {
      send("done", final);
      stop();
      out.end();
    },
  });
  // The response closes when the client goes away (or after `done`).
  out.on("close", stop);
}
