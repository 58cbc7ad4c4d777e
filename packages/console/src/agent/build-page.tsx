import type { AdminConnection } from '@plugboard/shared';
import { slugify, type Visibility } from '@plugboard/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, FormError } from '../components/field.js';
import { Link } from '../components/link.js';
import { Failed, Loading } from '../components/states.js';
import { slugProblem } from '../connector-form/draft.js';
import type { ConsoleServices } from '../services.js';
import { errorText, issuesOf } from '../state/errors.js';
import { hrefOf, navigate } from '../state/router.js';
import { ReviewPanel } from './review-panel.js';
import { AGENT_STEPS, type AgentLogEntry, type AgentRun, type AgentRunStart, type AgentStep } from './types.js';

/** The quick-start prompts: each fills the prompt and starts a run. */
export const QUICK_STARTS = [
  { slug: 'hubspot', prompt: 'HubSpot CRM' },
  { slug: 'slack', prompt: 'Slack' },
  { slug: 'stripe', prompt: 'Stripe' },
  { slug: 'github', prompt: 'GitHub' },
  { slug: 'shopify', prompt: 'Shopify' },
  { slug: 'xero', prompt: 'Xero' },
] as const;

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

/** Largest spec file the server takes. */
const MAX_SPEC_BYTES = 10 * 1024 * 1024;

const ACTIVE: AgentRun['status'][] = ['running', 'awaiting_review', 'ready'];

/** The page's address; `?run=<id>` names the run on screen. */
const ADDRESS = hrefOf('/connectors/build');
const runInAddress = () => new URLSearchParams(location.search).get('run');

/** Integrations → Connectors → Build with AI: a prompt, the agent's live log and progress, review, and Create. */
export function BuildPage({ services }: { services: ConsoleServices }) {
  const client = services.client;
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

  const active = run !== null && ACTIVE.includes(run.status);

  return (
    <section class="page build-page" aria-labelledby="page-title">
      <p class="breadcrumb">
        <Link to="/connectors">Connectors</Link> / Build with AI
      </p>
      <header class="page-head">
        <h1 id="page-title">Build with AI</h1>
        {active && (
          <button type="button" class="secondary" onClick={cancel} disabled={cancelling} data-testid="agent-cancel">
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
        {run !== null && !active && (
          <button type="button" class="secondary" onClick={startOver} data-testid="agent-new">
            Start a new run
          </button>
        )}
      </header>
      {cancelError !== null && <FormError>The run could not be cancelled. {errorText(cancelError)}</FormError>}
      {run === null && resume.status === 'loading' && <Loading label="Loading the run…" />}
      {run === null && resume.status === 'failed' && (
        <>
          <Failed
            title="The run could not be loaded."
            error={resume.error}
            onRetry={() => {
              const id = runInAddress();
              if (id) void reopen(id);
            }}
          />
          <div>
            <button type="button" class="secondary" onClick={startOver} data-testid="agent-new">
              Start a new run
            </button>
          </div>
        </>
      )}
      {run === null ? (
        resume.status === 'idle' && <StartForm services={services} onStarted={setRun} />
      ) : (
        <>
          <p class="intro">
            Building from <q data-testid="agent-run-prompt">{run.prompt}</q>
            {run.source.provider ? ` · catalog entry ${run.source.provider}` : ''}
            {run.source.specUrl ? ` · spec ${run.source.specUrl}` : ''}
          </p>
          <Progress run={run} />
          {run.status === 'failed' && (
            <div class="state failed" role="alert" data-testid="agent-error">
              <p>
                <strong>The run failed.</strong> {run.error?.message ?? 'The agent stopped without saying why.'}
              </p>
            </div>
          )}
          {run.status === 'cancelled' && (
            <p class="note" data-testid="agent-cancelled">
              The run was cancelled. Its log is kept below.
            </p>
          )}
          {run.status === 'created' && run.connectorId && (
            <p class="note">
              The connector was created: <Link to={`/connectors/${run.connectorId}`}>open its settings</Link>.
            </p>
          )}
          {run.status === 'awaiting_review' && run.draft && (
            <ReviewPanel
              key={run.updatedAt}
              run={run}
              client={client}
              onContinue={async (review) => {
                setRun(await client.agent.review(run.id, review.decisions));
                focusStatus();
              }}
            />
          )}
          <Results run={run} />
          {run.status === 'ready' && <CreateForm services={services} run={run} />}
          <LogView log={log} run={run} />
          {streamError !== null && (
            <div class="state failed" role="alert" data-testid="agent-stream-error">
              <p>
                <strong>The live log was interrupted.</strong> {errorText(streamError)}
              </p>
              <button type="button" class="secondary" onClick={() => setAttempt(attempt + 1)}>
                Reconnect
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The prompt, an optional spec (URL or file), quick starts and the connection to test with. */
function StartForm({ services, onStarted }: { services: ConsoleServices; onStarted(run: AgentRun): void }) {
  const client = services.client;
  const [prompt, setPrompt] = useState('');
  const [specUrl, setSpecUrl] = useState('');
  const [specFile, setSpecFile] = useState<File | null>(null);
  const [connectionId, setConnectionId] = useState('');
  const [connections, setConnections] = useState<{
    status: 'loading' | 'ready' | 'failed';
    rows: AdminConnection[];
  }>({ status: 'loading', rows: [] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    client.connections.list({ status: 'active' }).then(
      (page) => live && setConnections({ status: 'ready', rows: page.data }),
      () => live && setConnections({ status: 'failed', rows: [] }),
    );
    return () => {
      live = false;
    };
  }, [client]);

  async function start(text: string) {
    const problems: Record<string, string> = {};
    if (text.trim() === '' && !specUrl.trim() && !specFile)
      problems.prompt = 'Describe the API, or give a spec URL or file';
    if (specUrl.trim() && !/^https?:\/\/\S+$/.test(specUrl.trim()))
      problems.specUrl = 'Enter an http:// or https:// URL';
    if (specFile && specFile.size > MAX_SPEC_BYTES) problems.specFile = 'The file is over 10 MB';
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`field-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      // The server needs a prompt: with only a spec, the prompt names it.
      const described = text.trim() || (specFile ? `The API in ${specFile.name}` : specUrl.trim());
      const body: AgentRunStart = {
        prompt: described,
        ...(specUrl.trim() ? { specUrl: specUrl.trim() } : {}),
        ...(specFile ? { specText: await specFile.text() } : {}),
        ...(connectionId ? { connectionId } : {}),
      };
      onStarted(await client.agent.start(body));
    } catch (error) {
      const fields = issuesOf(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <form
      class="panel form"
      aria-labelledby="start-title"
      onSubmit={(event) => {
        event.preventDefault();
        void start(prompt);
      }}
      data-testid="agent-start-form"
    >
      <h2 id="start-title">What should the connector connect to?</h2>
      <p class="note">
        Name an API, paste its docs or spec URL, or upload an OpenAPI file. The agent finds the spec, builds auth
        methods, actions and events, and pauses for your review before testing them.
      </p>
      <Field
        path="prompt"
        label="Describe the API"
        hint="For example: HubSpot CRM, https://developer.example.com/docs, or api.example.com"
        error={errors.prompt}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={prompt}
            onInput={(event) => setPrompt(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void start(prompt);
              }
            }}
            data-testid="agent-prompt"
          />
        )}
      </Field>
      <fieldset class="quick-starts">
        <legend class="muted">Quick start</legend>
        <div class="quick-buttons">
          {QUICK_STARTS.map((quick) => (
            <button
              key={quick.slug}
              type="button"
              class="secondary small"
              disabled={busy}
              onClick={() => {
                setPrompt(quick.prompt);
                void start(quick.prompt);
              }}
              data-testid={`agent-quick-${quick.slug}`}
            >
              {quick.prompt}
            </button>
          ))}
        </div>
      </fieldset>
      <details class="more-options">
        <summary>Spec and test connection (optional)</summary>
        <div class="form">
          <Field path="specUrl" label="OpenAPI spec URL" error={errors.specUrl}>
            {(control) => (
              <input
                {...control}
                type="url"
                value={specUrl}
                placeholder="https://api.example.com/openapi.json"
                onInput={(event) => setSpecUrl(event.currentTarget.value)}
                data-testid="agent-spec-url"
              />
            )}
          </Field>
          <Field
            path="specFile"
            label="Or upload a spec file"
            hint="OpenAPI 3.x or Swagger 2.0, JSON or YAML, up to 10 MB."
            error={errors.specFile}
          >
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
                onChange={(event) => setSpecFile(event.currentTarget.files?.[0] ?? null)}
                data-testid="agent-spec-file"
              />
            )}
          </Field>
          <Field
            path="connectionId"
            label="Test with a connection"
            hint={
              connections.status === 'failed'
                ? 'The connections could not be loaded: the agent tests without one.'
                : connections.status === 'ready' && connections.rows.length === 0
                  ? 'No active connections yet: the agent tests public endpoints only.'
                  : 'The agent runs safe GET actions with it after your review.'
            }
          >
            {(control) => (
              <select
                {...control}
                value={connectionId}
                onChange={(event) => setConnectionId(event.currentTarget.value)}
                data-testid="agent-connection"
              >
                <option value="">{connections.status === 'loading' ? 'Loading connections…' : 'No connection'}</option>
                {connections.rows.map((row) => (
                  <option key={row.id} value={row.id}>
                    {row.connectorSlug} · {row.label ?? row.id} ({row.tenantId})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </details>
      {failure !== null && <FormError>The run could not start. {errorText(failure)}</FormError>}
      <div class="buttons start">
        <button type="submit" class="primary" disabled={busy} data-testid="agent-start">
          {busy ? 'Starting…' : 'Build connector'}
        </button>
      </div>
    </form>
  );
}

/** The status line and the steps, done ones ticked and the current one marked. */
function Progress({ run }: { run: AgentRun }) {
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
function LogView({ log, run }: { log: AgentLogEntry[]; run: AgentRun }) {
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

/** Test results, the fixes tried and warnings. */
function Results({ run }: { run: AgentRun }) {
  if (run.tests.length === 0 && run.fixes.length === 0 && run.warnings.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="results-title" data-testid="agent-results">
      <h2 id="results-title">Tests and fixes</h2>
      {run.tests.length > 0 && (
        <div class="table-scroll">
          <table class="table" data-testid="agent-tests">
            <caption class="visually-hidden">Test results</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Result</th>
                <th scope="col">Status</th>
                <th scope="col">Latency</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {run.tests.map((test) => (
                <tr key={test.actionKey} data-testid={`test-${test.actionKey}`}>
                  <th scope="row">
                    <code>{test.actionKey}</code>
                  </th>
                  <td>
                    <span class={`pill ${test.passed ? 'passed' : 'failed'}`}>{test.passed ? 'Passed' : 'Failed'}</span>
                  </td>
                  <td>{test.status === 0 ? 'No answer' : test.status}</td>
                  <td>{test.status === 0 ? '—' : `${test.latencyMs} ms`}</td>
                  <td class="wrap">{test.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {run.fixes.length > 0 && (
        <>
          <h3>Fixes tried</h3>
          <ul class="fix-list" data-testid="agent-fixes">
            {run.fixes.map((fix, index) => (
              <li key={`${fix.actionKey}-${index}`} data-testid={`fix-${fix.actionKey}`}>
                <code>{fix.actionKey}</code>: {fix.change}{' '}
                <span class={`pill ${fix.passed ? 'passed' : 'failed'}`}>
                  {fix.passed ? 'Now passes' : 'Still fails'}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {run.warnings.length > 0 && (
        <>
          <h3>Warnings</h3>
          <ul class="warning-list" data-testid="agent-warnings">
            {run.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** At `ready`: name, slug and visibility of the connector, then Create, which opens its settings page. */
function CreateForm({ services, run }: { services: ConsoleServices; run: AgentRun }) {
  const draft = run.draft;
  const [name, setName] = useState(draft?.name ?? '');
  const [slug, setSlug] = useState(draft?.slug ?? slugify(draft?.name ?? ''));
  const [visibility, setVisibility] = useState<Visibility>(draft?.visibility ?? 'private');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const counts = draft
    ? `${draft.authMethods.length} auth method(s), ${draft.actions?.length ?? 0} action(s) and ${draft.events?.length ?? 0} event(s)`
    : '';

  async function submit(event: Event) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (name.trim() === '') problems.name = 'Enter a name';
    const slugError = slugProblem(slug.trim(), []);
    if (slugError) problems.slug = slugError;
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`field-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await services.client.agent.create(run.id, {
        name: name.trim(),
        ...(slug.trim() ? { slug: slug.trim() } : {}),
        visibility,
      });
      navigate(`/connectors/${encodeURIComponent(created.id)}`);
    } catch (error) {
      const fields = issuesOf(error);
      if ((error as { code?: string }).code === 'slug_taken') fields.slug ??= errorText(error);
      setErrors(fields);
      setFailure(Object.keys(fields).length > 0 ? null : error);
      setBusy(false);
    }
  }

  return (
    <form class="panel form" aria-labelledby="create-title" onSubmit={submit} data-testid="agent-create-form">
      <h2 id="create-title">Create the connector</h2>
      <p class="note">The draft is ready: {counts}. Create saves it as a normal connector.</p>
      <div class="row">
        <Field path="name" label="Name" error={errors.name}>
          {(control) => (
            <input
              {...control}
              value={name}
              onInput={(event) => setName(event.currentTarget.value)}
              data-testid="agent-name"
            />
          )}
        </Field>
        <Field path="slug" label="Slug" error={errors.slug}>
          {(control) => (
            <input
              {...control}
              value={slug}
              onInput={(event) => setSlug(event.currentTarget.value.toLowerCase())}
              data-testid="agent-slug"
            />
          )}
        </Field>
        <Field path="visibility" label="Visibility">
          {(control) => (
            <select
              {...control}
              value={visibility}
              onChange={(event) => setVisibility(event.currentTarget.value === 'public' ? 'public' : 'private')}
              data-testid="agent-visibility"
            >
              <option value="private">Private</option>
              <option value="public">Public</option>
            </select>
          )}
        </Field>
      </div>
      {failure !== null && <FormError>The connector could not be created. {errorText(failure)}</FormError>}
      <div class="buttons start">
        <button type="submit" class="primary" disabled={busy} data-testid="agent-create">
          {busy ? 'Creating…' : 'Create'}
        </button>
      </div>
    </form>
  );
}
