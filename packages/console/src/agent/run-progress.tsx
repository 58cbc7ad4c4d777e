import { Loading } from '../components/states.js';
import { AGENT_STEPS, type AgentLogEntry, type AgentRun, type AgentStep } from './types.js';

const STEP_LABELS: Record<AgentStep, string> = {
  understand: 'Understand',
  discover: 'Discover',
  build: 'Build',
  review: 'Review',
  test: 'Test',
  fix: 'Fix',
  done: 'Done',
};

const STATUS_LABELS: Record<AgentRun['status'], string> = {
  running: 'Running',
  awaiting_review: 'Waiting for your review',
  ready: 'Ready to create',
  created: 'Created',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const KIND_LABELS: Record<AgentLogEntry['kind'], string> = {
  info: 'Info',
  found: 'Found',
  built: 'Built',
  passed: 'Passed',
  failed: 'Failed',
  warning: 'Warning',
};

/** The status line and the steps, done ones ticked and the current one marked. */
export function Progress({ run }: { run: AgentRun }) {
  const current = AGENT_STEPS.indexOf(run.step);
  const finished = run.status === 'ready' || run.status === 'created';
  const stopped = run.status === 'failed' || run.status === 'cancelled';
  return (
    <section class="panel progress" id="agent-progress" tabIndex={-1} aria-labelledby="progress-title">
      <h2 id="progress-title" class="visually-hidden">
        Progress
      </h2>
      <p role="status" data-testid="agent-status" data-status={run.status} data-step={run.step}>
        <strong>{STATUS_LABELS[run.status]}</strong>
        {!finished && ` · step ${current + 1} of ${AGENT_STEPS.length}: ${STEP_LABELS[run.step]}`}
        {run.status === 'running' && <span class="spinner inline-spinner" aria-hidden="true" />}
      </p>
      <ol class="steps" aria-label="Progress">
        {AGENT_STEPS.map((step, index) => {
          const state =
            finished || index < current ? 'done' : index === current ? (stopped ? 'stopped' : 'current') : 'todo';
          return (
            <li
              key={step}
              class={`step step-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
              data-testid={`agent-step-${step}`}
              data-state={state}
            >
              <span aria-hidden="true">{state === 'done' ? '✓' : state === 'stopped' ? '✕' : index + 1}</span>{' '}
              {STEP_LABELS[step]}
              <span class="visually-hidden">
                {state === 'done'
                  ? ' (done)'
                  : state === 'current'
                    ? ' (in progress)'
                    : state === 'stopped'
                      ? ' (stopped)'
                      : ''}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Every entry of the run's log, in order. */
export function LogView({ log, run }: { log: AgentLogEntry[]; run: AgentRun }) {
  return (
    <section class="panel" aria-labelledby="log-title">
      <h2 id="log-title">Log</h2>
      {log.length === 0 && run.status === 'running' && <Loading label="Waiting for the agent's first step…" />}
      {log.length === 0 && run.status !== 'running' && <p class="muted">No log entries.</p>}
      <ol class="agent-log" role="log" aria-labelledby="log-title" data-testid="agent-log">
        {log.map((entry) => (
          <li key={entry.seq} class={`log-entry log-${entry.kind}`} data-testid={`log-${entry.seq}`}>
            <span class={`pill ${entry.kind === 'passed' ? 'passed' : entry.kind === 'failed' ? 'failed' : ''}`}>
              {KIND_LABELS[entry.kind]}
            </span>{' '}
            <span class="muted">{STEP_LABELS[entry.step]}</span> <span class="log-message">{entry.message}</span>{' '}
            <time class="muted" dateTime={entry.at}>
              {entry.at.slice(11, 19)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
