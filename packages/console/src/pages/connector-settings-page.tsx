import { useEffect, useState } from 'preact/hooks';
import { ActionsTab } from '../actions/actions-tab.js';
import { ConfirmDialog } from '../components/dialog.js';
import { Link } from '../components/link.js';
import { Failed, Loading } from '../components/states.js';
import { Tabs } from '../components/tabs.js';
import { ConnectorForm } from '../connector-form/connector-form.js';
import { draftFrom, toUpdate } from '../connector-form/draft.js';
import type { ConsoleConnector } from '../console-client.js';
import type { ConsoleServices } from '../services.js';
import { listAll, plural } from '../state/format.js';
import { navigate } from '../state/router.js';

type Loaded = { connector: ConsoleConnector; takenSlugs: string[] };

/** What a delete says it removes. */
export const deleteMessage = (connector: ConsoleConnector) =>
  connector.connectionCount === 0
    ? `Delete ${connector.name}? It has no connections.`
    : `Delete ${connector.name}? This also removes its ${plural(connector.connectionCount, 'connection')} across all tenants.`;

type Tab = 'settings' | 'actions';

/**
 * A connector's page: the Settings tab (everything the Create dialog asks, editable, and a delete with a
 * confirmation) and the Actions tab (its actions, each testable with a connection).
 */
export function ConnectorSettingsPage({
  services,
  id,
  tab: initialTab = 'settings',
}: {
  services: ConsoleServices;
  id: string;
  tab?: Tab;
}) {
  const { client } = services;
  const [tab, setTab] = useState<Tab>(initialTab);
  useEffect(() => setTab(initialTab), [initialTab]);

  function selectTab(next: Tab) {
    setTab(next);
    // The tab lives in the address, so a reload or a shared link opens it.
    navigate(`/connectors/${encodeURIComponent(id)}${next === 'actions' ? '/actions' : ''}`, { replace: true });
  }
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'failed'; data?: Loaded; error?: unknown }>({
    status: 'loading',
  });
  const [saved, setSaved] = useState('');
  const [version, setVersion] = useState(0);
  const [deleting, setDeleting] = useState(false);

  async function load() {
    setState({ status: 'loading' });
    try {
      const [connector, all] = await Promise.all([
        client.connectors.get(id),
        listAll((query) => client.connectors.list(query)),
      ]);
      const takenSlugs = all.filter((other) => other.editable && other.id !== connector.id).map((other) => other.slug);
      setState({ status: 'ready', data: { connector, takenSlugs } });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }

  useEffect(() => {
    void load();
  }, [id]);

  const connector = state.data?.connector;
  return (
    <section class="page" aria-labelledby="page-title">
      <p class="breadcrumb">
        <Link to="/connectors">← Connectors</Link>
      </p>
      <header class="page-head">
        <h1 id="page-title">{connector ? `${connector.name} settings` : 'Connector settings'}</h1>
      </header>
      {state.status === 'loading' && <Loading label="Loading the connector…" />}
      {state.status === 'failed' && (
        <Failed title="The connector could not be loaded." error={state.error} onRetry={load} />
      )}
      {state.status === 'ready' && connector && (
        <Tabs
          label={`${connector.name} sections`}
          idPrefix="connector-tab"
          tabs={[
            { key: 'settings', label: 'Settings', testId: 'tab-settings' },
            { key: 'actions', label: 'Actions', testId: 'tab-actions' },
          ]}
          selected={tab}
          onSelect={selectTab}
        >
          {tab === 'actions' ? (
            <ActionsTab client={client} connector={connector} />
          ) : (
            <div class="tab-body">
              {connector && !connector.editable && (
                <p class="note" data-testid="not-editable">
                  {connector.name} is a public connector of another organization: you can use it, not edit it.
                </p>
              )}
              {connector && state.data && connector.editable && (
                <>
                  <p class="meta">
                    Slug <code>{connector.slug}</code> · {connector.visibility === 'public' ? 'Public' : 'Private'} ·{' '}
                    {plural(connector.connectionCount, 'connection')} · Created by {connector.createdBy.name}
                  </p>
                  <ConnectorForm
                    key={`${connector.id}-${version}`}
                    client={client}
                    initial={draftFrom(connector)}
                    takenSlugs={state.data.takenSlugs}
                    submitLabel="Save changes"
                    onSubmit={async (value) => {
                      setSaved('');
                      const updated = await client.connectors.update(connector.id, toUpdate(value));
                      setState({
                        status: 'ready',
                        data: { ...state.data, connector: { ...connector, ...updated } } as Loaded,
                      });
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
                    <button
                      type="button"
                      class="danger"
                      onClick={() => setDeleting(true)}
                      data-testid="delete-connector"
                    >
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
          )}
        </Tabs>
      )}
    </section>
  );
}
