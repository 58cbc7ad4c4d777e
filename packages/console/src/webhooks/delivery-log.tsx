import { useEffect, useState } from 'preact/hooks';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConsoleClient } from '../console-client.js';
import type { Delivery, DeliveryListQuery, DeliveryStatus, WebhookEndpoint } from '../contract.js';
import { errorText } from '../state/errors.js';
import { formatTime } from '../state/format.js';
import { usePagedList } from '../state/use-paged-list.js';

/** How each delivery status reads. */
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

type Filters = { endpointId: string; status: '' | DeliveryStatus };

const queryOf = (filters: Filters, cursor?: string): DeliveryListQuery => ({
  limit: 50,
  ...(filters.endpointId ? { endpointId: filters.endpointId } : {}),
  ...(filters.status ? { status: filters.status } : {}),
  ...(cursor ? { cursor } : {}),
});

const lastOutcome = (row: Delivery) =>
  [row.lastStatus === null ? '' : String(row.lastStatus), row.lastError ?? ''].filter(Boolean).join(' · ') || '—';

/** The delivery log: every event sent to the endpoints, filtered and paged, with Resend. */
export function DeliveryLog({
  client,
  endpoints,
  version = 0,
}: {
  client: ConsoleClient;
  endpoints: WebhookEndpoint[];
  /** Changes when the log must be read again, e.g. after an endpoint and its deliveries were deleted. */
  version?: number;
}) {
  const [notice, setNotice] = useState('');
  const { filters, setFilters, rows, setRows, cursor, status, error, moreBusy, load, loadMore } = usePagedList(
    (filters: Filters, cursor?: string) => client.deliveries.list(queryOf(filters, cursor)),
    { endpointId: '', status: '' },
    { onMoreFailed: (message) => setNotice(`More deliveries could not be loaded. ${message}`) },
  );
  const [resending, setResending] = useState<Record<string, boolean>>({});

  useEffect(() => {
    // A filter on an endpoint that is gone would show nothing: drop it.
    const next = endpoints.some((item) => item.id === filters.endpointId) ? filters : { ...filters, endpointId: '' };
    setFilters(next);
    void load(next);
  }, [client, version]);

  function filter(patch: Partial<Filters>) {
    const next = { ...filters, ...patch };
    setFilters(next);
    void load(next);
  }

  async function resend(row: Delivery) {
    setResending((current) => ({ ...current, [row.id]: true }));
    try {
      // The server sends the event again as a new delivery, which heads the log (newest first).
      const sent = await client.deliveries.resend(row.id);
      setRows((current) =>
        sent.id === row.id
          ? current.map((item) => (item.id === row.id ? sent : item))
          : [sent, ...current.filter((item) => item.id !== sent.id)],
      );
      setNotice(`${row.type} is queued to be sent again.`);
    } catch (failure) {
      setNotice(`${row.type} could not be resent. ${errorText(failure)}`);
    } finally {
      setResending((current) => ({ ...current, [row.id]: false }));
    }
  }

  const endpointName = (id: string) => {
    const found = endpoints.find((item) => item.id === id);
    return found ? found.description || found.url : id;
  };
  const filtered = filters.endpointId || filters.status;

  return (
    <section class="page-section" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Delivery log</h2>
      <search class="toolbar" aria-label="Filter deliveries">
        <div class="field">
          <label for="filter-endpoint">Endpoint</label>
          <select
            id="filter-endpoint"
            value={filters.endpointId}
            onChange={(event) => filter({ endpointId: event.currentTarget.value })}
            data-testid="filter-endpoint"
          >
            <option value="">All endpoints</option>
            {endpoints.map((item) => (
              <option key={item.id} value={item.id}>
                {item.description || item.url}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-delivery-status">Status</label>
          <select
            id="filter-delivery-status"
            value={filters.status}
            onChange={(event) => filter({ status: event.currentTarget.value as Filters['status'] })}
            data-testid="filter-delivery-status"
          >
            <option value="">Any status</option>
            {Object.entries(DELIVERY_STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </search>
      <p class="visually-hidden" role="status" data-testid="delivery-notice">
        {notice}
      </p>
      {status === 'loading' && <Loading label="Loading deliveries…" />}
      {status === 'failed' && <Failed title="Deliveries could not be loaded." error={error} onRetry={() => load()} />}
      {status === 'ready' && rows.length === 0 && (
        <Empty>
          <p>
            {filtered
              ? 'No delivery matches these filters.'
              : 'No deliveries yet. Events are delivered here once an endpoint is added and something happens, e.g. a connection is created.'}
          </p>
        </Empty>
      )}
      {status === 'ready' && rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard on narrow screens
        <section class="table-scroll" aria-labelledby="deliveries-title" tabIndex={0}>
          <table class="table" data-testid="deliveries-table">
            <thead>
              <tr>
                {['Event', 'Status', 'Endpoint', 'Attempts', 'Last result', 'Next attempt', 'Created', 'Actions'].map(
                  (heading) => (
                    <th key={heading} scope="col">
                      {heading}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="delivery-row" data-delivery-id={row.id}>
                  <th scope="row">
                    <code>{row.type}</code>
                  </th>
                  <td>
                    <span class={`status delivery-${row.status}`} data-testid="delivery-status">
                      {DELIVERY_STATUS_LABELS[row.status]}
                    </span>
                  </td>
                  <td>{endpointName(row.endpointId)}</td>
                  <td data-testid="delivery-attempts">{row.attempts}</td>
                  <td class="wrap" data-testid="delivery-last">
                    {lastOutcome(row)}
                  </td>
                  <td>{formatTime(row.nextAttemptAt)}</td>
                  <td>{formatTime(row.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      class="secondary small"
                      onClick={() => resend(row)}
                      disabled={resending[row.id] === true}
                      aria-label={`Resend ${row.type} (${row.id})`}
                      data-testid="resend-delivery"
                    >
                      {resending[row.id] ? 'Resending…' : 'Resend'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {status === 'ready' && cursor && (
        <button
          type="button"
          class="secondary"
          onClick={loadMore}
          disabled={moreBusy}
          data-testid="load-more-deliveries"
        >
          {moreBusy ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
