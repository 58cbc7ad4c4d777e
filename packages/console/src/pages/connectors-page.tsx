import { useEffect, useMemo, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog.js';
import { ShadowHost } from '../components/shadow-host.js';
import { Empty, Failed, Loading } from '../components/states.js';
import { ConnectorForm } from '../connector-form/connector-form.js';
import { emptyDraft } from '../connector-form/draft.js';
import type { ConsoleServices } from '../services.js';
import { type Catalog, createCatalog, type VisibilityFilter } from '../state/catalog.js';
import { navigate } from '../state/router.js';
import { CardGrid } from './card-grid.js';

/** Integrations → Connectors: search, filter, the card grid and the Create Connector dialog. */
export function ConnectorsPage({ services, catalog: given }: { services: ConsoleServices; catalog?: Catalog }) {
  const catalog = useMemo(() => given ?? createCatalog(services), [services, given]);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void catalog.load();
  }, [catalog]);

  const status = catalog.status.value;
  const total = catalog.store.value?.cards.value.length ?? 0;
  const shown = catalog.own.value.length + catalog.others.value.length;

  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">Connectors</h1>
        <div class="head-buttons">
          <button
            type="button"
            class="secondary"
            onClick={() => navigate('/connectors/build')}
            data-testid="build-with-ai"
          >
            Build with AI
          </button>
          <button type="button" class="primary" onClick={() => setCreating(true)} data-testid="create-connector">
            + Create
          </button>
        </div>
      </header>
      <search class="toolbar">
        <div class="field">
          <label for="connector-search">Search connectors</label>
          <input
            id="connector-search"
            type="search"
            value={catalog.search.value}
            onInput={(event) => {
              catalog.search.value = event.currentTarget.value;
            }}
            data-testid="connector-search"
          />
        </div>
        <div class="field">
          <label for="visibility-filter">Visibility</label>
          <select
            id="visibility-filter"
            value={catalog.visibility.value}
            onChange={(event) => {
              catalog.visibility.value = event.currentTarget.value as VisibilityFilter;
            }}
            data-testid="visibility-filter"
          >
            <option value="all">All</option>
            <option value="private">Private</option>
            <option value="public">Public</option>
          </select>
        </div>
      </search>
      <p class="visually-hidden" role="status">
        {catalog.notice.value}
      </p>
      {status === 'loading' && <Loading label="Loading connectors…" />}
      {status === 'failed' && (
        <Failed title="Connectors could not be loaded." error={catalog.error.value} onRetry={catalog.load} />
      )}
      {status === 'ready' && total === 0 && (
        <Empty>
          <p>No connectors yet. Create the first one with + Create.</p>
        </Empty>
      )}
      {status === 'ready' && total > 0 && shown === 0 && (
        <Empty>
          <p>No connector matches the search and filter.</p>
        </Empty>
      )}
      {status === 'ready' && shown > 0 && (
        <ShadowHost testId="connector-cards">
          <CardGrid catalog={catalog} />
        </ShadowHost>
      )}
      {creating && (
        <Dialog title="Create connector" onClose={() => setCreating(false)} testId="create-connector-dialog" wide>
          <ConnectorForm
            client={services.client}
            initial={emptyDraft()}
            takenSlugs={catalog.takenSlugs.value}
            submitLabel="Create connector"
            onCancel={() => setCreating(false)}
            onSubmit={async (value) => {
              const created = await services.client.connectors.create(value);
              setCreating(false);
              catalog.notice.value = `${created.name} was created.`;
              await catalog.load();
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
