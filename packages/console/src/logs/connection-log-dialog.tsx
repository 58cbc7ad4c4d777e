import type { AdminConnection, CallLog } from '@plugboard/shared';
import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog.js';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConsoleClient } from '../console-client.js';
import { usePagedList } from '../state/use-paged-list.js';
import { CallLogDetail, CallLogTable } from './call-log-table.js';

/** One connection's calls, newest first, from the Connections page. */
export function ConnectionLogDialog({
  client,
  connection,
  onClose,
}: {
  client: ConsoleClient;
  connection: AdminConnection;
  onClose(): void;
}) {
  const [notice, setNotice] = useState('');
  const [selected, setSelected] = useState<CallLog | null>(null);
  const { rows, cursor, status, error, moreBusy, load, loadMore } = usePagedList(
    (_: null, cursor?: string) =>
      client.logs.list({ connectionId: connection.id, limit: 25, ...(cursor ? { cursor } : {}) }),
    null,
    { onMoreFailed: (message) => setNotice(`More calls could not be loaded. ${message}`) },
  );
  useEffect(() => {
    void load();
  }, [client, connection.id]);

  return (
    <Dialog title={`Log of ${connection.label}`} onClose={onClose} testId="connection-log" wide>
      <p id="connection-log-title">Calls of this connection (tenant {connection.tenantId}), newest first.</p>
      <p class="visually-hidden" role="status">
        {notice}
      </p>
      {status === 'loading' && <Loading label="Loading calls…" />}
      {status === 'failed' && <Failed title="Calls could not be loaded." error={error} onRetry={() => load()} />}
      {status === 'ready' && rows.length === 0 && (
        <Empty>
          <p>This connection has made no calls in the retention window.</p>
        </Empty>
      )}
      {status === 'ready' && rows.length > 0 && (
        <CallLogTable rows={rows} labelledBy="connection-log-title" onSelect={setSelected} showTenant={false} />
      )}
      {status === 'ready' && cursor && (
        <button type="button" class="secondary" onClick={loadMore} disabled={moreBusy}>
          {moreBusy ? 'Loading…' : 'Load more'}
        </button>
      )}
      <div class="buttons">
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {selected && <CallLogDetail entry={selected} onClose={() => setSelected(null)} />}
    </Dialog>
  );
}
