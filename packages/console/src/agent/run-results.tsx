import type { AgentRun } from './types.js';

/** Test results, the fixes tried and warnings. */
export function Results({ run }: { run: AgentRun }) {
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
            {(run.warningKinds ?? []).map((kind) => (
              <li key={kind.code} data-testid={`warning-kind-${kind.code}`}>
                <details>
                  <summary>
                    {kind.count} × <code>{kind.code}</code>: {kind.examples[0]}
                  </summary>
                  {kind.examples.slice(1).map((example) => (
                    <p key={example} class="muted">
                      {example}
                    </p>
                  ))}
                  {kind.count > kind.examples.length && (
                    <p class="muted">…and {kind.count - kind.examples.length} more like these.</p>
                  )}
                </details>
              </li>
            ))}
            {run.warnings.slice(grouped(run)).map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** How many of the run's warnings (the build's, first) its kinds already show: later ones (tests) follow as lines. */
function grouped(run: AgentRun): number {
  return (run.warningKinds ?? []).reduce((sum, kind) => sum + kind.count, 0);
}
