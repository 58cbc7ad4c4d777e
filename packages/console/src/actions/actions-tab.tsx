import { useEffect, useRef, useState } from 'preact/hooks';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConsoleClient, ConsoleConnector } from '../console-client.js';
import type { ActionTest, ConnectorAction } from '../contract.js';
import { formatTime } from '../state/format.js';
import { TestActionDialog } from './test-action-dialog.js';

/** "Passed · 200 · 84 ms", with when, for the last-result column. */
function LastResult({ test }: { test: ActionTest | null }) {
  if (!test) return <span class="muted">Not tested yet</span>;
  return (
    <span class={`test-result ${test.passed ? 'passed' : 'failed'}`}>
      <strong>{test.passed ? 'Passed' : 'Failed'}</strong> · {test.status} · {test.latencyMs} ms
      <br />
      <time dateTime={test.at}>{formatTime(test.at)}</time>
    </span>
  );
}

/** A connector's Actions tab: its actions with their last test, and Test on each. */
export function ActionsTab({ client, connector }: { client: ConsoleClient; connector: ConsoleConnector }) {
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; actions: ConnectorAction[] }
  >({ status: 'loading' });
  const [testing, setTesting] = useState<ConnectorAction | null>(null);
  const request = useRef(0);

  async function load() {
    const id = ++request.current;
    setState({ status: 'loading' });
    try {
      const { data } = await client.connectors.actions(connector.id);
      if (id === request.current) setState({ status: 'ready', actions: data });
    } catch (error) {
      if (id === request.current) setState({ status: 'failed', error });
    }
  }

  useEffect(() => {
    void load();
  }, [connector.id]);

  if (state.status === 'loading') return <Loading label="Loading actions…" />;
  if (state.status === 'failed')
    return <Failed title="Actions could not be loaded." error={state.error} onRetry={load} />;
  if (state.actions.length === 0)
    return (
      <Empty>
        <p data-testid="no-actions">
          {connector.name} has no actions yet. Actions are defined through the API: send <code>actions</code> when you
          create or update the connector (see <code>docs/actions.md</code>), then test them here.
        </p>
      </Empty>
    );

  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard on narrow screens */}
      <section class="table-scroll" aria-label={`Actions of ${connector.name}`} tabIndex={0}>
        <table class="table" data-testid="actions-table">
          <thead>
            <tr>
              {['Action', 'Method', 'Path', 'Last test', ''].map((heading) => (
                <th key={heading || 'test'} scope="col">
                  {heading || <span class="visually-hidden">Test</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {state.actions.map((action) => (
              <tr key={action.key} data-testid="action-row" data-action-key={action.key}>
                <th scope="row">
                  {action.name}
                  {action.verify && (
                    <>
                      {' '}
                      <span class="pill" title="Used to check a connection's credentials">
                        verify
                      </span>
                    </>
                  )}
                  <br />
                  <code class="muted">{action.key}</code>
                </th>
                <td>
                  <code class={`method method-${action.method.toLowerCase()}`}>{action.method}</code>
                </td>
                <td>
                  <code>{action.path}</code>
                </td>
                <td data-testid="action-last-test">
                  <LastResult test={action.lastTest} />
                </td>
                <td>
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => setTesting(action)}
                    aria-label={`Test ${action.name}`}
                    data-testid="test-action"
                  >
                    Test
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {testing && (
        <TestActionDialog
          client={client}
          connector={connector}
          action={testing}
          onClose={() => setTesting(null)}
          onTested={({ result: _result, ...lastTest }) =>
            setState((current) =>
              current.status === 'ready'
                ? {
                    status: 'ready',
                    actions: current.actions.map((item) => (item.key === testing.key ? { ...item, lastTest } : item)),
                  }
                : current,
            )
          }
        />
      )}
    </>
  );
}
