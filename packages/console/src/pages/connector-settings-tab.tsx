import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/dialog.js';
import { ConnectorForm } from '../connector-form/connector-form.js';
import { draftFrom, toUpdate } from '../connector-form/draft.js';
import type { ConsoleClient, ConsoleConnector } from '../console-client.js';
import { plural } from '../state/format.js';
import { navigate } from '../state/router.js';

/** What a delete says it removes. */
export const deleteMessage = (connector: ConsoleConnector) =>
  connector.connectionCount === 0
    ? `Delete ${connector.name}? It has no connections.`
    : `Delete ${connector.name}? This also removes its ${plural(connector.connectionCount, 'connection')} across all tenants.`;

/** A connector's Settings tab: the Create form filled in, Save changes, and a delete with a confirmation. */
export function SettingsTab({
  client,
  connector,
  takenSlugs,
  onSaved,
}: {
  client: ConsoleClient;
  connector: ConsoleConnector;
  /** Slugs other connectors of the organization use. */
  takenSlugs: string[];
  onSaved: (connector: ConsoleConnector) => void;
}) {
  const [saved, setSaved] = useState('');
  const [version, setVersion] = useState(0);
  const [deleting, setDeleting] = useState(false);
  return (
    <div class="tab-body">
      {!connector.editable && (
        <p class="note" data-testid="not-editable">
          {connector.name} is a public connector of another organization: you can use it, not edit it.
        </p>
      )}
      {connector.editable && (
        <>
          <p class="meta">
            Slug <code>{connector.slug}</code> · {connector.visibility === 'public' ? 'Public' : 'Private'} ·{' '}
            {plural(connector.connectionCount, 'connection')} · Created by {connector.createdBy.name}
          </p>
          <ConnectorForm
            key={`${connector.id}-${version}`}
            client={client}
            initial={draftFrom(connector)}
            takenSlugs={takenSlugs}
            submitLabel="Save changes"
            onSubmit={async (value) => {
              setSaved('');
              const updated = await client.connectors.update(connector.id, toUpdate(value));
              onSaved({ ...connector, ...updated });
              setVersion((n) => n + 1);
              setSaved(`${updated.name} was saved.`);
            }}
          />
          <p class="saved" role="status" data-testid="save-status">
            {saved}
          </p>
          <section class="danger-zone" aria-labelledby="danger-title">
            <h2 id="danger-title">Delete this connector</h2>
            <p>Deleting removes the connector and every connection made with it, in every tenant.</p>
            <button type="button" class="danger" onClick={() => setDeleting(true)} data-testid="delete-connector">
              Delete connector
            </button>
          </section>
          {deleting && (
            <ConfirmDialog
              title={`Delete ${connector.name}`}
              message={<p>{deleteMessage(connector)}</p>}
              confirmLabel="Delete connector"
              onClose={() => setDeleting(false)}
              onConfirm={async () => {
                await client.connectors.delete(connector.id);
                navigate('/connectors');
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
