import type { CallLog, CallLogKind } from '@plugboard/shared';
import { Dialog } from '../components/dialog.js';
import { formatTime } from '../state/format.js';

/** How each kind of call reads. */
export const CALL_KIND_LABELS: Record<CallLogKind, string> = {
  action: 'Action',
  proxy: 'Proxy',
  mcp_tool: 'MCP tool',
  refresh: 'Token refresh',
  webhook: 'Inbound webhook',
  delivery: 'Delivery',
};

/** "200", "503", or the error code of a call that got no answer. */
export const outcomeOf = (entry: CallLog) =>
  [entry.status === null ? '' : String(entry.status), entry.errorCode ?? ''].filter(Boolean).join(' · ') || '—';

const outcomeClass = (entry: CallLog) =>
  entry.errorCode !== null || (entry.status ?? 0) >= 400 ? 'status status-error' : 'status status-active';

/** Where a call went: method, host and path template. */
const targetOf = (entry: CallLog) => [entry.method, `${entry.host ?? ''}${entry.path ?? ''}`].filter(Boolean).join(' ');

/** Calls as a table, newest first; Details opens one. */
export function CallLogTable({
  rows,
  labelledBy,
  onSelect,
  showTenant = true,
}: {
  rows: CallLog[];
  labelledBy: string;
  onSelect(entry: CallLog): void;
  showTenant?: boolean;
}) {
  const headings = ['Time', 'Kind', ...(showTenant ? ['Tenant'] : []), 'Connector', 'Operation', 'Request', 'Result'];
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard on narrow screens
    <section class="table-scroll" aria-labelledby={labelledBy} tabIndex={0}>
      <table class="table" data-testid="call-log-table">
        <thead>
          <tr>
            {[...headings, 'Duration', 'Details'].map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.id} data-testid="call-log-row" data-log-id={entry.id}>
              <th scope="row">{formatTime(entry.createdAt)}</th>
              <td data-testid="call-log-kind">{CALL_KIND_LABELS[entry.kind]}</td>
              {showTenant && <td data-testid="call-log-tenant">{entry.tenantId ?? '—'}</td>}
              <td>{entry.connector ?? '—'}</td>
              <td>
                <code>{entry.operation ?? '—'}</code>
              </td>
              <td class="wrap">
                <code data-testid="call-log-target">{targetOf(entry)}</code>
              </td>
              <td>
                <span class={outcomeClass(entry)} data-testid="call-log-outcome">
                  {outcomeOf(entry)}
                </span>
              </td>
              <td>{entry.durationMs} ms</td>
              <td>
                <button
                  type="button"
                  class="secondary small"
                  onClick={() => onSelect(entry)}
                  aria-label={`Details of the ${CALL_KIND_LABELS[entry.kind].toLowerCase()} call at ${formatTime(entry.createdAt)}`}
                  data-testid="call-log-details"
                >
                  Details
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every field of one call, for support: the request id finds the API request in the server's own logs. */
export function CallLogDetail({ entry, onClose }: { entry: CallLog; onClose(): void }) {
  const fields: Array<[string, string]> = [
    ['Time', `${formatTime(entry.createdAt)} (${entry.createdAt})`],
    ['Kind', CALL_KIND_LABELS[entry.kind]],
    ['Tenant', entry.tenantId ?? '—'],
    ['Connection', entry.connectionId ?? '—'],
    ['Connector', entry.connector ?? entry.connectorId ?? '—'],
    ['Operation', entry.operation ?? '—'],
    ['Method', entry.method ?? '—'],
    ['Host', entry.host ?? '—'],
    ['Path', entry.path ?? '—'],
    ['Status', entry.status === null ? 'No response' : String(entry.status)],
    ['Error code', entry.errorCode ?? '—'],
    ['Duration', `${entry.durationMs} ms`],
    ['Request id', entry.requestId ?? '—'],
    ['Log id', entry.id],
  ];
  return (
    <Dialog title="Call details" onClose={onClose} testId="call-log-detail">
      <dl class="call-details">
        {fields.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd data-testid={`detail-${name.toLowerCase().replace(/\s+/g, '-')}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <div class="buttons">
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
