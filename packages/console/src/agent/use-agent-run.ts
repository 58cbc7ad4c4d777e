import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleClient } from '../console-client.js';
import { hrefOf } from '../state/router.js';
import type { AgentLogEntry, AgentRun } from './types.js';

/** The page's address; `?run=<id>` names the run on screen. */
const ADDRESS = hrefOf('/connectors/build');

/** The run named in the address, if any. */
export const runInAddress = () => new URLSearchParams(location.search).get('run');

/**
 * The run on the Build with AI page: reopened from `?run=<id>`, followed through its event stream (its log
 * kept once per entry across reconnects), cancelled, or cleared for a new one.
 */
export function useAgentRun(client: ConsoleClient) {
  const [run, setRunState] = useState<AgentRun | null>(null);
  // The stream and the answers to review and cancel race: an older copy of the run never replaces a newer one.
  const setRun = (next: AgentRun | null) =>
    setRunState((current) =>
      next === null || current === null || current.id !== next.id || next.updatedAt >= current.updatedAt
        ? next
        : current,
    );
  const [log, setLog] = useState<AgentLogEntry[]>([]);
  /** The last log entry on screen: a reconnect replays only what came after it. */
  const lastSeq = useRef(0);
  const [streamError, setStreamError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [cancelError, setCancelError] = useState<unknown>(null);
  const [cancelling, setCancelling] = useState(false);
  const runId = run?.id;
  const [resume, setResume] = useState<{ status: 'idle' | 'loading' | 'failed'; error?: unknown }>(() => ({
    status: runInAddress() ? 'loading' : 'idle',
  }));

  // `?run=<id>` reopens a run (a reload, a shared link): its log replays from the start.
  async function reopen(id: string) {
    setResume({ status: 'loading' });
    try {
      setRun(await client.agent.get(id));
      setResume({ status: 'idle' });
    } catch (error) {
      setResume({ status: 'failed', error });
    }
  }
  useEffect(() => {
    const id = runInAddress();
    if (id) void reopen(id);
  }, [client]);
  useEffect(() => {
    if (runId && runInAddress() !== runId)
      history.replaceState(null, '', `${ADDRESS}?run=${encodeURIComponent(runId)}`);
  }, [runId]);

  // The live log: the server replays it from the start on every (re)connect, so entries are kept once by `seq`.
  useEffect(() => {
    if (!runId) return;
    const controller = new AbortController();
    const after = lastSeq.current;
    setStreamError(null);
    void (async () => {
      try {
        const events = client.agent.events(runId, { signal: controller.signal, ...(after > 0 ? { after } : {}) });
        for await (const event of events) {
          if (controller.signal.aborted) return;
          if (event.type === 'log') {
            const entry = event.entry;
            lastSeq.current = Math.max(lastSeq.current, entry.seq);
            setLog((current) =>
              current.some((item) => item.seq === entry.seq)
                ? current
                : [...current, entry].sort((a, b) => a.seq - b.seq),
            );
          } else setRun(event.run);
        }
        // The stream closed: the run ended, or the connection dropped; read where the run stands.
        if (!controller.signal.aborted) setRun(await client.agent.get(runId));
      } catch (error) {
        if (!controller.signal.aborted) setStreamError(error);
      }
    })();
    return () => controller.abort();
  }, [runId, attempt, client]);

  // A new run, or the review sent: focus goes to the status, so keyboard and screen reader users follow the run.
  const focusStatus = () => requestAnimationFrame(() => document.getElementById('agent-progress')?.focus());
  useEffect(() => {
    if (runId) focusStatus();
  }, [runId]);

  function startOver() {
    if (runInAddress()) history.replaceState(null, '', ADDRESS);
    setResume({ status: 'idle' });
    setRun(null);
    setLog([]);
    lastSeq.current = 0;
    setStreamError(null);
    setCancelError(null);
  }

  async function cancel() {
    if (!run) return;
    setCancelling(true);
    setCancelError(null);
    try {
      setRun(await client.agent.cancel(run.id));
    } catch (error) {
      setCancelError(error);
    } finally {
      setCancelling(false);
    }
  }

  return {
    run,
    setRun,
    log,
    streamError,
    reconnect: () => setAttempt(attempt + 1),
    cancelError,
    cancelling,
    resume,
    reopen,
    startOver,
    cancel,
    focusStatus,
  };
}
