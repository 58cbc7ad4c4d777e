import type { AgentLogEntry, AgentRun } from '@plugboard/shared';
import type { AgentService } from './agent-service.js';
import { type AgentEvent, STREAM_ENDS } from './run-state.js';

const HEARTBEAT_MS = 15_000;

const frame = (event: AgentEvent): string =>
  event.type === 'log'
    ? `id: ${event.entry.seq}\nevent: log\ndata: ${JSON.stringify(event.entry)}\n\n`
    : `event: run\ndata: ${JSON.stringify(event.run)}\n\n`;

/**
 * A run's events as `text/event-stream`: the log from the start (or after `Last-Event-ID`) and the run as it
 * is, then whatever happens next; it closes once the run is ready, created, failed or cancelled.
 */
export async function agentEventStream(
  agent: AgentService,
  organizationId: string,
  runId: string,
  options: { lastEventId?: string | undefined; signal: AbortSignal },
): Promise<Response> {
  const after = Number.parseInt(options.lastEventId ?? '', 10);
  const afterSeq = Number.isFinite(after) && after > 0 ? after : 0;
  // Listen before replaying, so nothing that happens in between is lost; replayed entries are skipped later.
  const pending: AgentEvent[] = [];
  let push: (event: AgentEvent) => void = (event) => pending.push(event);
  const unsubscribe = agent.subscribe(runId, (event) => push(event));
  let replay: AgentLogEntry[];
  let run: AgentRun;
  try {
    replay = await agent.log(organizationId, runId, afterSeq);
    run = await agent.get(organizationId, runId);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        options.signal.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {}
      };
      let lastSeq = replay.at(-1)?.seq ?? afterSeq;
      const send = (event: AgentEvent) => {
        if (closed) return;
        if (event.type === 'log') {
          if (event.entry.seq <= lastSeq) return;
          lastSeq = event.entry.seq;
        }
        controller.enqueue(encoder.encode(frame(event)));
        if (event.type === 'run' && STREAM_ENDS.has(event.run.status)) close();
      };
      for (const entry of replay) controller.enqueue(encoder.encode(frame({ type: 'log', entry })));
      send({ type: 'run', run });
      for (const event of pending.splice(0)) send(event);
      push = send;
      heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(': ping\n\n')), HEARTBEAT_MS);
      heartbeat.unref?.();
      options.signal.addEventListener('abort', close, { once: true });
    },
    cancel() {
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
