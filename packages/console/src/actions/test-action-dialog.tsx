import type { AdminConnection } from '@plugboard/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog.js';
import { Field, FormError } from '../components/field.js';
import { Link } from '../components/link.js';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConsoleClient, ConsoleConnector } from '../console-client.js';
import type { ActionTestResult, ConnectorAction } from '../contract.js';
import { codeOf, errorText, issuesOf } from '../state/errors.js';
import { listAll } from '../state/format.js';
import { ActionResultView } from './action-result.js';
import { fieldsOf, initialValues, issuesOnFields, readInput } from './input-fields.js';
import { InputForm } from './input-form.js';

/** Words the errors a test run can end with; the API's message otherwise. */
export function runErrorText(error: unknown): string {
  switch (codeOf(error)) {
    case 'egress_blocked':
      return `Blocked by the egress policy: Plugboard does not send requests to this address. ${errorText(error)}`;
    case 'upstream_timeout':
      return 'The API did not answer in time (upstream timeout). Try again, or check the API base URL.';
    case 'upstream_too_large':
      return 'The API answered with more than Plugboard accepts (response too large).';
    case 'path_not_allowed':
      return `The path would leave the connector's API host. ${errorText(error)}`;
    default:
      return errorText(error);
  }
}

type Connections =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; rows: AdminConnection[] };

/**
 * The Test dialog: a form generated from the action's input schema, a connection of this connector, Run,
 * then the request sent and the response.
 */
export function TestActionDialog({
  client,
  connector,
  action,
  onClose,
  onTested,
}: {
  client: ConsoleClient;
  connector: ConsoleConnector;
  action: ConnectorAction;
  onClose: () => void;
  onTested: (run: ActionTestResult) => void;
}) {
  const fields = useMemo(() => fieldsOf(action.input), [action]);
  const [values, setValues] = useState(() => initialValues(action.input, fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [connections, setConnections] = useState<Connections>({ status: 'loading' });
  const [connectionId, setConnectionId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>('');
  const [run, setRun] = useState<ActionTestResult | null>(null);

  async function loadConnections() {
    setConnections({ status: 'loading' });
    try {
      const rows = await listAll((query) => client.connections.list({ ...query, connector: connector.id }));
      setConnections({ status: 'ready', rows });
      setConnectionId((current) => current || (rows.find((row) => row.status === 'active') ?? rows[0])?.id || '');
    } catch (error) {
      setConnections({ status: 'failed', error });
    }
  }

  useEffect(() => {
    void loadConnections();
  }, [connector.id]);

  async function submit(event: Event) {
    event.preventDefault();
    const read = readInput(fields, values);
    setErrors(read.errors);
    setFailure('');
    const firstError = Object.keys(read.errors)[0];
    if (firstError) {
      document.querySelector<HTMLElement>(`[data-testid="action-input-${firstError}"]`)?.focus();
      return;
    }
    if (!connectionId) return;
    setBusy(true);
    setRun(null);
    try {
      const answer = await client.connectors.testAction(connector.id, action.key, {
        connectionId,
        input: read.input,
      });
      setRun(answer);
      onTested(answer);
    } catch (error) {
      const mapped = issuesOnFields(issuesOf(error), fields);
      setErrors(mapped.fields);
      setFailure(
        codeOf(error) === 'validation_failed' && Object.keys(mapped.fields).length > 0
          ? ['The input was refused. Check the marked fields.', ...mapped.rest].join(' ')
          : [runErrorText(error), ...mapped.rest].join(' '),
      );
    } finally {
      setBusy(false);
    }
  }

  const rows = connections.status === 'ready' ? connections.rows : [];
  return (
    <Dialog title={`Test ${action.name}`} onClose={onClose} testId="test-action-dialog" wide>
      <p class="meta">
        <code data-testid="action-endpoint">
          {action.method} {action.path}
        </code>
        {action.description ? ` · ${action.description}` : ''}
      </p>
      <form class="form" noValidate onSubmit={submit}>
        {connections.status === 'loading' && <Loading label="Loading connections…" />}
        {connections.status === 'failed' && (
          <Failed title="Connections could not be loaded." error={connections.error} onRetry={loadConnections} />
        )}
        {connections.status === 'ready' && rows.length === 0 && (
          <Empty>
            <p data-testid="no-connections">
              {connector.name} has no connections yet. Connect it from its card first:{' '}
              <Link to="/connectors">Integrations → Connectors</Link>, then <strong>Connect</strong>.
            </p>
          </Empty>
        )}
        {rows.length > 0 && (
          <Field path="action-connection" label="Connection" hint="The test runs with this connection's credentials.">
            {(control) => (
              <select
                {...control}
                value={connectionId}
                onChange={(event) => setConnectionId(event.currentTarget.value)}
                data-testid="action-connection"
              >
                {rows.map((row) => (
                  <option key={row.id} value={row.id}>
                    {row.label} · {row.tenantId}
                    {row.status === 'active' ? '' : ` (${row.status.replace('_', ' ')})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <InputForm fields={fields} values={values} errors={errors} onChange={setValues} />
        {failure && (
          <div data-testid="action-error">
            <FormError>{failure}</FormError>
          </div>
        )}
        <div class="buttons">
          <button type="button" class="secondary" onClick={onClose}>
            Close
          </button>
          <button type="submit" class="primary" disabled={busy || !connectionId} data-testid="run-action">
            {busy ? 'Running…' : 'Run'}
          </button>
        </div>
      </form>
      <p class="visually-hidden" role="status">
        {busy ? 'Running the action…' : run ? `${run.passed ? 'Passed' : 'Failed'}: status ${run.status}` : ''}
      </p>
      {run && <ActionResultView run={run} />}
    </Dialog>
  );
}
