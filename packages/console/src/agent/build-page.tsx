import { FormError } from '../components/field.js';
import { Link } from '../components/link.js';
import { Failed, Loading } from '../components/states.js';
import type { ConsoleServices } from '../services.js';
import { errorText } from '../state/errors.js';
import { CreateForm } from './create-form.js';
import { ReviewPanel } from './review-panel.js';
import { LogView, Progress } from './run-progress.js';
import { Results } from './run-results.js';
import { StartForm } from './start-form.js';
import type { AgentRun } from './types.js';
import { useAgentLimits } from './use-agent-limits.js';
import { runInAddress, useAgentRun } from './use-agent-run.js';

export { QUICK_STARTS } from './start-form.js';

const ACTIVE: AgentRun['status'][] = ['running', 'awaiting_review', 'ready'];

/** Integrations → Connectors → Build with AI: a prompt, the agent's live log and progress, review, and Create. */
export function BuildPage({ services }: { services: ConsoleServices }) {
  const client = services.client;
  const {
    run,
    setRun,
    log,
    streamError,
    reconnect,
    cancelError,
    cancelling,
    resume,
    reopen,
    startOver,
    cancel,
    focusStatus,
  } = useAgentRun(client);
  const limits = useAgentLimits(client);
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
        resume.status === 'idle' && <StartForm services={services} limits={limits} onStarted={setRun} />
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
              limits={limits}
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
              <button type="button" class="secondary" onClick={reconnect}>
                Reconnect
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
