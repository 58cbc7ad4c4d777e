import type { ConnectorCard } from '@plugboard/shared';
import { type ConnectStore, createConnectStore } from '@plugboard/widget';
import { computed, signal } from '@preact/signals';
import type { ConsoleConnector } from '../console-client.js';
import type { ConsoleServices } from '../services.js';
import { listAll } from './format.js';

/** Which connectors the grid shows. */
export type VisibilityFilter = 'all' | 'private' | 'public';

/** A card with what the admin API says about its connector: the console's own data beside the widget's. */
export interface CatalogEntry {
  card: ConnectorCard;
  connector: ConsoleConnector | undefined;
}

/**
 * The Connectors page's state: the member's test session drives the widget's store (cards, auth flows),
 * the admin list says which connectors are the organization's own and editable.
 */
export function createCatalog(services: ConsoleServices) {
  const status = signal<'loading' | 'ready' | 'failed'>('loading');
  const error = signal<unknown>(null);
  const store = signal<ConnectStore | null>(null);
  const connectors = signal<ConsoleConnector[]>([]);
  const search = signal('');
  const visibility = signal<VisibilityFilter>('all');
  const notice = signal('');

  const refreshConnectors = async () => {
    connectors.value = await listAll((query) => services.client.connectors.list(query));
  };

  async function load() {
    status.value = 'loading';
    error.value = null;
    try {
      // A fresh session each time: its allowed connectors are fixed when it is minted.
      const [session] = await Promise.all([services.client.testSession(), refreshConnectors()]);
      const next = createConnectStore(
        services.sessionFor(session.token),
        (type, detail) => {
          if (type === 'plugboard:connected') {
            notice.value = `${(detail as { connector: { name: string } }).connector.name} is connected.`;
            void refreshConnectors().catch(() => {});
          }
        },
        undefined,
        services.oauth,
      );
      await next.load();
      if (next.status.value === 'failed') throw next.loadError.value;
      store.value = next;
      status.value = 'ready';
    } catch (failure) {
      error.value = failure;
      status.value = 'failed';
    }
  }

  const entries = computed<CatalogEntry[]>(() => {
    const byId = new Map(connectors.value.map((connector) => [connector.id, connector]));
    return (store.value?.cards.value ?? []).map((card) => ({ card, connector: byId.get(card.id) }));
  });

  const shown = computed(() => {
    const words = search.value.trim().toLowerCase();
    return entries.value.filter(({ card }) => {
      if (visibility.value !== 'all' && card.visibility !== visibility.value) return false;
      if (!words) return true;
      return [card.name, card.slug, card.description, card.domain ?? ''].some((text) =>
        text.toLowerCase().includes(words),
      );
    });
  });

  /** The organization's own connectors, editable, and public ones of other organizations, usable only. */
  const own = computed(() => shown.value.filter((entry) => entry.connector?.editable === true));
  const others = computed(() => shown.value.filter((entry) => entry.connector?.editable !== true));

  /** Slugs already used by the organization's connectors, for the create form's uniqueness check. */
  const takenSlugs = computed(() =>
    connectors.value.filter((connector) => connector.editable).map((connector) => connector.slug),
  );

  return { status, error, store, connectors, search, visibility, notice, own, others, takenSlugs, load };
}

/** The Connectors page's state and actions. */
export type Catalog = ReturnType<typeof createCatalog>;
