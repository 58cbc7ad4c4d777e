import { type AdminConnection, AUTH_KIND_LABELS, type ConnectionStatus, type Tenant } from '@plugboard/shared';
import { useEffect, useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/dialog.js';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConnectionQuery, ConnectionTest, ConsoleConnector } from '../console-client.js';
import { ConnectionLogDialog } from '../logs/connection-log-dialog.js';
import type { ConsoleServices } from '../services.js';
import { errorText } from '../state/errors.js';
import { formatTime, listAll } from '../state/format.js';
import { usePagedList } from '../state/use-paged-list.js';
import { Reconnect } from './reconnect.js';

/** How each status reads in the table. */
export const STATUS_LABELS: Record<ConnectionStatus, string> = {
  active: 'Active',
  needs_reauth: 'Needs reauth',
  error: 'Error',
  revoked: 'Revoked',
};

type Filters = { connector: string; tenantId: string; status: '' | ConnectionStatus };
type TestState = { busy: true } | { busy: false; result?: ConnectionTest; error?: unknown };

const queryOf = (filters: Filters, cursor?: string): ConnectionQuery => ({
  limit: 50,
  ...(filters.connector ? { connector: filters.connector } : {}),
  ...(filters.tenantId ? { tenantId: filters.tenantId } : {}),
  ...(filters.status ? { status: filters.status } : {}),
  ...(cursor ? { cursor } : {}),
});

/** "apiKey: ••••3f9a"; never a credential, only the API's masks. */
const masked = (connection: AdminConnection) =>
  Object.entries(connection.maskedCredentials)
    .map(([name, mask]) => `${name}: ${mask}`)
    .join(', ') || '—';

/** "shop: acme": the values the end user gave the connector's variables (not secret). */
const variablesOf = (connection: AdminConnection) =>
  Object.entries(connection.variables ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ');

/** Integrations → Connections: every connection of the organization across tenants, filtered and paged. */
export function ConnectionsPage({ services }: { services: ConsoleServices }) {
  const { client } = services;
  const [notice, setNotice] = useState('');
  const { filters, setFilters, rows, setRows, cursor, status, error, moreBusy, load, loadMore } = usePagedList(
    (filters: Filters, cursor?: string) => client.connections.list(queryOf(filters, cursor)),
    { connector: '', tenantId: '', status: '' },
    { onMoreFailed: (message) => setNotice(`More connections could not be loaded. ${message}`) },
  );
  const [connectors, setConnectors] = useState<ConsoleConnector[]>([]);
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [deleting, setDeleting] = useState<AdminConnection | null>(null);
  const [reconnecting, setReconnecting] = useState<AdminConnection | null>(null);
  const [logOf, setLogOf] = useState<AdminConnection | null>(null);

  useEffect(() => {
    void load();
    // The filter choices are a convenience: the table works without them.
    listAll((query) => client.connectors.list(query)).then(setConnectors, () => {});
    listAll((query) => client.tenants.list(query)).then(setTenants, () => {});
  }, [client]);

  function filter(patch: Partial<Filters>) {
    const next = { ...filters, ...patch };
    setFilters(next);
    void load(next);
  }

  async function test(connection: AdminConnection) {
    setTests((current) => ({ ...current, [connection.id]: { busy: true } }));
    try {
      const result = await client.connections.test(connection.id);
      setTests((current) => ({ ...current, [connection.id]: { busy: false, result } }));
      setRows((current) => current.map((row) => (row.id === connection.id ? { ...row, status: result.status } : row)));
    } catch (failure) {
      setTests((current) => ({ ...current, [connection.id]: { busy: false, error: failure } }));
    }
  }

  const connectorName = (connection: AdminConnection) =>
    connectors.find((connector) => connector.id === connection.connectorId)?.name ?? connection.connectorSlug;
  const methodLabel = (connection: AdminConnection) =>
    connectors
      .find((connector) => connector.id === connection.connectorId)
      ?.authMethods.find((method) => method.id === connection.authMethodId)?.label ??
    AUTH_KIND_LABELS[connection.authKind];
  const filtered = filters.connector || filters.tenantId || filters.status;

  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">Connections</h1>
      </header>
      <search class="toolbar" aria-label="Filter connections">
        <div class="field">
          <label for="filter-connector">Connector</label>
          <select
            id="filter-connector"
            value={filters.connector}
            onChange={(event) => filter({ connector: event.currentTarget.value })}
            data-testid="filter-connector"
          >
            <option value="">All connectors</option>
            {connectors.map((connector) => (
              <option key={connector.id} value={connector.id}>
                {connector.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-tenant">Tenant</label>
          <select
            id="filter-tenant"
            value={filters.tenantId}
            onChange={(event) => filter({ tenantId: event.currentTarget.value })}
            data-testid="filter-tenant"
          >
            <option value="">All tenants</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.id}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-status">Status</label>
          <select
            id="filter-status"
            value={filters.status}
            onChange={(event) => filter({ status: event.currentTarget.value as Filters['status'] })}
            data-testid="filter-status"
          >
            <option value="">Any status</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </search>
      <p class="visually-hidden" role="status">
        {notice}
      </p>
      {status === 'loading' && <Loading label="Loading connections…" />}
      {status === 'failed' && <Failed title="Connections could not be loaded." error={error} onRetry={() => load()} />}
      {status === 'ready' && rows.length === 0 && (
        <Empty>
          <p>
            {filtered
              ? 'No connection matches these filters.'
              : 'No connections yet. Connect a connector from Integrations → Connectors to make a test connection.'}
          </p>
        </Empty>
      )}
      {status === 'ready' && rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard on narrow screens
        <section class="table-scroll" aria-labelledby="page-title" tabIndex={0}>
          <table class="table" data-testid="connections-table">
            <thead>
              <tr>
                {[
                  'Connector',
                  'Tenant',
                  'Label',
                  'Auth method',
                  'Status',
                  'Created by',
                  'Created',
                  'Last used',
                  'Token expiry',
                  'Credentials',
                  'Actions',
                ].map((heading) => (
                  <th key={heading} scope="col">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((connection) => {
                const testState = tests[connection.id];
                return (
                  <tr key={connection.id} data-testid="connection-row" data-connection-id={connection.id}>
                    <th scope="row">{connectorName(connection)}</th>
                    <td>{connection.tenantId}</td>
                    <td>
                      {connection.label}
                      {variablesOf(connection) && (
                        <span class="hint block" data-testid="connection-variables">
                          {variablesOf(connection)}
                        </span>
                      )}
                    </td>
                    <td>{methodLabel(connection)}</td>
                    <td>
                      <span class={`status status-${connection.status}`} data-testid="connection-status">
                        {STATUS_LABELS[connection.status]}
                      </span>
                    </td>
                    <td>{connection.createdBy}</td>
                    <td>{formatTime(connection.createdAt)}</td>
                    <td>{formatTime(connection.lastUsedAt)}</td>
                    <td>{formatTime(connection.tokenExpiresAt)}</td>
                    <td>
                      <code data-testid="masked-credentials">{masked(connection)}</code>
                    </td>
                    <td>
                      <div class="row-actions">
                        <button
                          type="button"
                          class="secondary small"
                          onClick={() => test(connection)}
                          disabled={testState?.busy === true}
                          aria-label={`Test ${connection.label}`}
                          data-testid="test-connection"
                        >
                          {testState?.busy ? 'Testing…' : 'Test'}
                        </button>
                        {connection.status === 'needs_reauth' && (
                          <button
                            type="button"
                            class="primary small"
                            onClick={() => setReconnecting(connection)}
                            aria-label={`Reconnect ${connection.label}`}
                            data-testid="reconnect-connection"
                          >
                            Reconnect
                          </button>
                        )}
                        <button
                          type="button"
                          class="secondary small"
                          onClick={() => setLogOf(connection)}
                          aria-label={`Log of ${connection.label}`}
                          data-testid="connection-log-button"
                        >
                          Log
                        </button>
                        <button
                          type="button"
                          class="danger small"
                          onClick={() => setDeleting(connection)}
                          aria-label={`Delete ${connection.label}`}
                          data-testid="delete-connection"
                        >
                          Delete
                        </button>
                      </div>
                      {testState && !testState.busy && (
                        <p
                          class={`test-result ${testState.result?.result ?? 'failed'}`}
                          role="status"
                          data-testid="test-result"
                        >
                          {testState.result
                            ? `${testResultLabel[testState.result.result]}: ${testState.result.message}`
                            : errorText(testState.error)}
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      {status === 'ready' && cursor && (
        <button type="button" class="secondary" onClick={loadMore} disabled={moreBusy} data-testid="load-more">
          {moreBusy ? 'Loading…' : 'Load more'}
        </button>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete connection"
          message={
            <p>
              Delete the connection “{deleting.label}” of {connectorName(deleting)} for tenant {deleting.tenantId}? Its
              credentials are removed and it stops working.
            </p>
          }
          confirmLabel="Delete connection"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await client.connections.delete(deleting.id);
            setRows((current) => current.filter((row) => row.id !== deleting.id));
            setNotice(`The connection ${deleting.label} was deleted.`);
            setDeleting(null);
          }}
        />
      )}
      {logOf && <ConnectionLogDialog client={client} connection={logOf} onClose={() => setLogOf(null)} />}
      {reconnecting && (
        <Reconnect
          services={services}
          connection={reconnecting}
          onDone={() => {
            setReconnecting(null);
            void load();
          }}
        />
      )}
    </section>
  );
}

const testResultLabel: Record<ConnectionTest['result'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  unsupported: 'Not checked',
};
