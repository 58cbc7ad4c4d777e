import type { CallLog, CallLogKind, CallLogListQuery, CallLogStatusClass } from '@plugboard/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConsoleConnector } from '../console-client.js';
import type { ConsoleServices } from '../services.js';
import { errorText } from '../state/errors.js';
import { listAll } from '../state/format.js';
import { usePagedList } from '../state/use-paged-list.js';
import { CALL_KIND_LABELS, CallLogDetail, CallLogTable } from './call-log-table.js';

/** How often Live tail asks for new calls. */
export const LIVE_TAIL_MS = 2000;

const STATUS_LABELS: Record<CallLogStatusClass, string> = {
  '2xx': 'Succeeded (2xx)',
  '3xx': 'Redirected (3xx)',
  '4xx': 'Refused (4xx)',
  '5xx': 'Failed upstream (5xx)',
  error: 'No answer (error code)',
};

/** Time windows of the filter, in hours back from now. */
const WINDOWS = { '1': 'Last hour', '24': 'Last 24 hours', '168': 'Last 7 days', '': 'Last 30 days' } as const;

type Filters = {
  tenantId: string;
  connector: string;
  kind: '' | CallLogKind;
  status: '' | CallLogStatusClass;
  hours: keyof typeof WINDOWS;
};

const queryOf = (filters: Filters, cursor?: string): CallLogListQuery => ({
  limit: 50,
  ...(filters.tenantId.trim() ? { tenantId: filters.tenantId.trim() } : {}),
  ...(filters.connector ? { connector: filters.connector } : {}),
  ...(filters.kind ? { kind: filters.kind } : {}),
  ...(filters.status ? { status: filters.status } : {}),
  ...(filters.hours ? { since: new Date(Date.now() - Number(filters.hours) * 3_600_000).toISOString() } : {}),
  ...(cursor ? { cursor } : {}),
});

/** Integrations → Logs: every call of every tenant's connections, filtered, with a detail view and a live tail. */
export function LogsPage({ services }: { services: ConsoleServices }) {
  const { client } = services;
  const [notice, setNotice] = useState('');
  const { filters, setFilters, rows, setRows, cursor, status, error, moreBusy, load, loadMore } = usePagedList(
    (filters: Filters, cursor?: string) => client.logs.list(queryOf(filters, cursor)),
    { tenantId: '', connector: '', kind: '', status: '', hours: '24' },
    { onMoreFailed: (message) => setNotice(`More calls could not be loaded. ${message}`) },
  );
  const [connectors, setConnectors] = useState<ConsoleConnector[]>([]);
  const [selected, setSelected] = useState<CallLog | null>(null);
  const [live, setLive] = useState(false);
  const newest = useRef<string | undefined>(undefined);
  newest.current = rows[0]?.id;

  useEffect(() => {
    void load();
    listAll((query) => client.connectors.list(query)).then(setConnectors, () => {});
  }, [client]);

  useEffect(() => {
    if (!live || status !== 'ready') return;
    const timer = setInterval(async () => {
      try {
        const page = await client.logs.list(queryOf(filters));
        const since = newest.current;
        // Ids sort by time: what is newer than the top row is new.
        const fresh = page.data.filter((entry) => since === undefined || entry.id > since);
        if (fresh.length === 0) return;
        setRows((current) => [...fresh, ...current.filter((row) => !fresh.some((entry) => entry.id === row.id))]);
        setNotice(`${fresh.length} new ${fresh.length === 1 ? 'call' : 'calls'}.`);
      } catch (failure) {
        setNotice(`Live tail could not read new calls. ${errorText(failure)}`);
      }
    }, LIVE_TAIL_MS);
    return () => clearInterval(timer);
  }, [live, status, filters, client]);

  function filter(patch: Partial<Filters>) {
    const next = { ...filters, ...patch };
    setFilters(next);
    void load(next);
  }

  const filtered = filters.tenantId || filters.connector || filters.kind || filters.status;

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Logs</h1>
      <p class="intro">
        Every action run, proxy call, MCP tool call, token refresh, inbound webhook and delivery, with where it went and
        how it ended. Query values and bodies are never recorded. Calls are kept for 30 days unless your server says
        otherwise.
      </p>
      <search class="toolbar" aria-label="Filter calls">
        <div class="field">
          <label for="filter-log-tenant">Tenant</label>
          <input
            id="filter-log-tenant"
            value={filters.tenantId}
            placeholder="Any tenant"
            onChange={(event) => filter({ tenantId: event.currentTarget.value })}
            data-testid="filter-log-tenant"
          />
        </div>
        <div class="field">
          <label for="filter-log-connector">Connector</label>
          <select
            id="filter-log-connector"
            value={filters.connector}
            onChange={(event) => filter({ connector: event.currentTarget.value })}
            data-testid="filter-log-connector"
          >
            <option value="">All connectors</option>
            {connectors.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <Choice
          id="filter-log-kind"
          label="Kind"
          any="Any kind"
          value={filters.kind}
          options={CALL_KIND_LABELS}
          onChange={(kind) => filter({ kind: kind as Filters['kind'] })}
        />
        <Choice
          id="filter-log-status"
          label="Result"
          any="Any result"
          value={filters.status}
          options={STATUS_LABELS}
          onChange={(value) => filter({ status: value as Filters['status'] })}
        />
        <div class="field">
          <label for="filter-log-time">Time</label>
          <select
            id="filter-log-time"
            value={filters.hours}
            onChange={(event) => filter({ hours: event.currentTarget.value as Filters['hours'] })}
            data-testid="filter-log-time"
          >
            {Object.entries(WINDOWS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <label class="inline">
          <input
            type="checkbox"
            checked={live}
            onChange={(event) => setLive(event.currentTarget.checked)}
            data-testid="live-tail"
          />
          Live tail
        </label>
      </search>
      <p class="visually-hidden" role="status" data-testid="log-notice">
        {notice}
      </p>
      {status === 'loading' && <Loading label="Loading calls…" />}
      {status === 'failed' && <Failed title="Calls could not be loaded." error={error} onRetry={() => load()} />}
      {status === 'ready' && rows.length === 0 && (
        <Empty>
          <p data-testid="logs-empty">
            {filtered
              ? 'No call matches these filters.'
              : 'No calls yet. They appear here once a connection runs an action, a proxy call or an MCP tool.'}
          </p>
        </Empty>
      )}
      {status === 'ready' && rows.length > 0 && (
        <CallLogTable rows={rows} labelledBy="page-title" onSelect={setSelected} />
      )}
      {status === 'ready' && cursor && (
        <button type="button" class="secondary" onClick={loadMore} disabled={moreBusy} data-testid="load-more-logs">
          {moreBusy ? 'Loading…' : 'Load more'}
        </button>
      )}
      {selected && <CallLogDetail entry={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}

/** A select of labelled options with an "any" choice first. */
function Choice({
  id,
  label,
  any,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  any: string;
  value: string;
  options: Record<string, string>;
  onChange(value: string): void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)} data-testid={id}>
        <option value="">{any}</option>
        {Object.entries(options).map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
