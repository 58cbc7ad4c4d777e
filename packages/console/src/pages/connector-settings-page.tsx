import { useEffect, useState } from 'preact/hooks';
import { ActionsTab } from '../actions/actions-tab.js';
import { Link } from '../components/link.js';
import { Failed, Loading } from '../components/states.js';
import { Tabs } from '../components/tabs.js';
import type { ConsoleConnector } from '../console-client.js';
import type { ConsoleServices } from '../services.js';
import { listAll } from '../state/format.js';
import { navigate } from '../state/router.js';
import { SettingsTab } from './connector-settings-tab.js';

type Loaded = { connector: ConsoleConnector; takenSlugs: string[] };

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
            <SettingsTab
              client={client}
              connector={connector}
              takenSlugs={state.data?.takenSlugs ?? []}
              onSaved={(updated) =>
                setState((current) =>
                  current.data ? { ...current, data: { ...current.data, connector: updated } } : current,
                )
              }
            />
          )}
        </Tabs>
      )}
    </section>
  );
}
