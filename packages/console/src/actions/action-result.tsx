import type { ActionTestResult } from '../contract.js';

/** A body for people: JSON pretty-printed, text as it came. */
export const prettyBody = (body: unknown) =>
  body === undefined || body === null || body === ''
    ? '(empty)'
    : typeof body === 'string'
      ? body
      : JSON.stringify(body, null, 2);

function Headers({ headers, testId }: { headers: Record<string, string>; testId: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p class="note">No headers.</p>;
  return (
    <dl class="headers" data-testid={testId}>
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>
            <code>{value}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What a test sent (secrets already masked by the server) and what the API answered. */
export function ActionResultView({ run }: { run: ActionTestResult }) {
  const { result } = run;
  return (
    <section class="action-result" aria-labelledby="action-result-title" data-testid="action-result">
      <h3 id="action-result-title">
        <span class={`pill ${run.passed ? 'passed' : 'failed'}`} data-testid="action-result-outcome">
          {run.passed ? 'Passed' : 'Failed'}
        </span>{' '}
        <span data-testid="action-result-status">{result.status}</span> in{' '}
        <span data-testid="action-result-latency">{run.latencyMs} ms</span>
      </h3>
      <details class="exchange" open>
        <summary>Request sent</summary>
        <p class="request-line" data-testid="action-request">
          <code>
            {result.request.method} {result.request.url}
          </code>
        </p>
        <Headers headers={result.request.headers} testId="action-request-headers" />
      </details>
      <details class="exchange" open>
        <summary>Response</summary>
        <p class="request-line">
          Status <code>{result.status}</code> · {result.durationMs} ms
        </p>
        <Headers headers={result.headers} testId="action-response-headers" />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long body scrolls; keyboard users must reach it */}
        <section class="body" aria-label="Response body" tabIndex={0}>
          <pre data-testid="action-response-body">{prettyBody(result.body)}</pre>
        </section>
      </details>
    </section>
  );
}
