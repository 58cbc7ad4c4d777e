import type { AgentLogEntry } from '@plugboard/shared';
import type { StoredAgentRun } from '../storage/store.js';
import type { AgentService } from './agent-service.js';
import { type AgentEvent, STREAM_ENDS } from './run-state.js';

const HEARTBEAT_MS = 15_000;

/**
 * How often a stream reads its run from the database while the run is live: the most a step taken on another
 * replica waits before a client following on this one sees it. Writes of this process wake the stream at once.
 */
export const STREAM_POLL_MS = 250;

const frame = (event: AgentEvent): string =>
  event.type === 'log'
    ? `id: ${event.entry.seq}\nevent: log\ndata: ${JSON.stringify(event.entry)}\n\n`
    : `event: run\ndata: ${JSON.stringify(event.run)}\n\n`;

const runEvent = (stored: StoredAgentRun): AgentEvent => ({
  type: 'run',
  run: stored.run,
  revision: stored.revision,
  logSeq: stored.logSeq,
});

/**
 * A run's events as `text/event-stream`, on any replica whichever one works on the run: the log from the start
 * (or after `Last-Event-ID`) and the run as it is, then whatever happens next, read from the database (the run's
 * log table is the source, so entries come in `seq` order with none missing); it closes once the run is ready,
 * created, failed or cancelled.
 *
 * @throws ApiError 404 when the run is not the organization's
 */
export async function agentEventStream(
  agent: AgentService,
  organizationId: string,
  runId: string,
  options: { lastEventId?: string | undefined; signal: AbortSignal; pollMs?: number },
): Promise<Response> {
  const after = Number.parseInt(options.lastEventId ?? '', 10);
  let lastSeq = Number.isFinite(after) && after > 0 ? after : 0;
  let lastRevision = -1;
  // Listen before the first read, so nothing written in between is lost; what was read already is skipped.
  const pending: AgentEvent[] = [];
  let wake = () => {};
  const unsubscribe = agent.subscribe(runId, (event) => {
    pending.push(event);
    wake();
  });
  let first: { run: StoredAgentRun; entries: AgentLogEntry[] };
  try {
    first = await agent.follow(organizationId, runId, lastSeq);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  const encoder = new TextEncoder();
  const pollMs = options.pollMs ?? STREAM_POLL_MS;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const stop = () => {
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    wake();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        stop();
        options.signal.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {}
      };
      /** Sends an event when it is next in order; false when something is missing before it (read the database). */
      const offer = (event: AgentEvent): boolean => {
        if (closed) return true;
        if (event.type === 'log') {
          if (event.entry.seq <= lastSeq) return true;
          if (event.entry.seq !== lastSeq + 1) return false;
          lastSeq = event.entry.seq;
        } else {
          if (event.revision <= lastRevision) return true;
          if (event.logSeq > lastSeq) return false;
          lastRevision = event.revision;
        }
        controller.enqueue(encoder.encode(frame(event)));
        if (event.type === 'run' && STREAM_ENDS.has(event.run.status)) close();
        return true;
      };
      const offerRead = ({ run, entries }: { run: StoredAgentRun; entries: AgentLogEntry[] }) => {
        // The log was read after the run, so every entry the run's change came after is among them.
        for (const entry of entries) offer({ type: 'log', entry });
        offer(runEvent(run));
      };
      const follow = async () => {
        offerRead(first);
        while (!closed) {
          const woken = await new Promise<'local' | 'timer'>((resolve) => {
            if (pending.length > 0) return resolve('local');
            const timer = setTimeout(() => resolve('timer'), pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve('local');
            };
          });
          wake = () => {};
          const local = pending.splice(0);
          const inOrder = local.every((event) => offer(event));
          if (closed || (woken === 'local' && inOrder)) continue;
          offerRead(await agent.follow(organizationId, runId, lastSeq));
        }
      };
      follow().catch(close);
      heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(': ping\n\n')), HEARTBEAT_MS);
      heartbeat.unref?.();
      options.signal.addEventListener('abort', close, { once: true });
    },
    cancel: stop,
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
