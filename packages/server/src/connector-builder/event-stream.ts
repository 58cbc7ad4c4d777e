import type { AgentLogEntry } from '@plugboard/shared';
import type { Context } from 'hono';
import { type SSEMessage, streamSSE } from 'hono/streaming';
import type { StoredAgentRun } from '../storage/store.js';
import type { AgentService } from './agent-service.js';
import { type AgentEvent, STREAM_ENDS } from './run-state.js';

const HEARTBEAT_MS = 15_000;

/**
 * How often a stream reads its run from the database while the run is live: the most a step taken on another
 * replica waits before a client following on this one sees it. Writes of this process wake the stream at once.
 */
export const STREAM_POLL_MS = 250;

/** An event as Hono's SSE writer takes it: log entries carry their `seq` as the id a reconnect resumes after. */
const message = (event: AgentEvent): SSEMessage =>
  event.type === 'log'
    ? { id: String(event.entry.seq), event: 'log', data: JSON.stringify(event.entry) }
    : { event: 'run', data: JSON.stringify(event.run) };

const runEvent = (stored: StoredAgentRun): AgentEvent => ({
  type: 'run',
  run: stored.run,
  revision: stored.revision,
  logSeq: stored.logSeq,
});

/**
 * A run's events as `text/event-stream` (Hono's `streamSSE`), on any replica whichever one works on the run: the
 * log from the start (or after `Last-Event-ID`) and the run as it is, then whatever happens next, read from the
 * database (the run's log table is the source, so entries come in `seq` order with none missing); it closes once
 * the run is ready, created, failed or cancelled, or the client goes away.
 *
 * @throws ApiError 404 when the run is not the organization's (before anything is streamed)
 */
export async function agentEventStream(
  agent: AgentService,
  c: Context,
  organizationId: string,
  runId: string,
  options: { lastEventId?: string | undefined; pollMs?: number } = {},
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
  const pollMs = options.pollMs ?? STREAM_POLL_MS;
  const response = streamSSE(c, async (stream) => {
    let closed = false;
    const close = () => {
      closed = true;
      wake();
    };
    stream.onAbort(close);
    const heartbeat = setInterval(() => void stream.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref?.();
    /** Sends an event when it is next in order; false when something is missing before it (read the database). */
    const offer = async (event: AgentEvent): Promise<boolean> => {
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
      await stream.writeSSE(message(event));
      if (event.type === 'run' && STREAM_ENDS.has(event.run.status)) close();
      return true;
    };
    const offerRead = async ({ run, entries }: { run: StoredAgentRun; entries: AgentLogEntry[] }) => {
      // The log was read after the run, so every entry the run's change came after is among them.
      for (const entry of entries) await offer({ type: 'log', entry });
      await offer(runEvent(run));
    };
    try {
      await offerRead(first);
      while (!closed) {
        const woken = await new Promise<'local' | 'timer'>((resolve) => {
          if (pending.length > 0 || closed) return resolve('local');
          const timer = setTimeout(() => resolve('timer'), pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve('local');
          };
        });
        wake = () => {};
        let inOrder = true;
        for (const event of pending.splice(0)) inOrder = (await offer(event)) && inOrder;
        if (closed || (woken === 'local' && inOrder)) continue;
        await offerRead(await agent.follow(organizationId, runId, lastSeq));
      }
    } catch {
      // A read that fails mid-stream (the database went away) ends the stream; the client reconnects with
      // Last-Event-ID and gets the rest.
    } finally {
      unsubscribe();
      clearInterval(heartbeat);
    }
  });
  // Proxies must pass events on as they come, not buffer or recompress them.
  response.headers.set('cache-control', 'no-cache, no-transform');
  response.headers.set('x-accel-buffering', 'no');
  return response;
}
