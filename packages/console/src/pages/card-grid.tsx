import { defaultMessages } from '@plugboard/widget';
import { AuthDialog, ConnectorCard } from '@plugboard/widget/components';
import { useEffect, useRef } from 'preact/hooks';
import { Link } from '../components/link.js';
import type { Catalog, CatalogEntry } from '../state/catalog.js';

/**
 * The card grid, drawn inside a shadow root with the widget's own `ConnectorCard` and `AuthDialog`, so the
 * states match the widget exactly. Own connectors get a Settings link; others' public ones are usable only.
 */
export function CardGrid({ catalog }: { catalog: Catalog }) {
  const store = catalog.store.value;
  const trigger = useRef<HTMLElement | null>(null);
  const open = store?.openCard.value != null;

  // Focus goes back to the card's button once the connect form closes, as in the widget.
  useEffect(() => {
    if (!open) trigger.current?.focus();
  }, [open]);

  if (!store) return null;
  const section = (id: string, title: string, entries: CatalogEntry[], editable: boolean) =>
    entries.length > 0 && (
      <section aria-labelledby={id}>
        <h2 class="section-title" id={id}>
          {title}
        </h2>
        <ul class="grid" data-testid={editable ? 'own-connectors' : 'public-connectors'}>
          {entries.map(({ card }) => (
            <ConnectorCard
              key={card.id}
              card={card}
              messages={defaultMessages}
              onConnect={(button, action) => {
                trigger.current = button;
                store.open(card.id, action);
              }}
            >
              {editable ? (
                <Link
                  class="settings-link"
                  to={`/connectors/${encodeURIComponent(card.id)}`}
                  aria-label={`Settings of ${card.name}`}
                  data-testid="connector-settings-link"
                >
                  Settings
                </Link>
              ) : (
                <p class="shared-note">Public connector of another organization: usable, not editable.</p>
              )}
            </ConnectorCard>
          ))}
        </ul>
      </section>
    );

  return (
    <div class="sections">
      {section('own-connectors-title', "Your organization's connectors", catalog.own.value, true)}
      {section('public-connectors-title', 'Public connectors of other organizations', catalog.others.value, false)}
      {open && <AuthDialog store={store} messages={defaultMessages} />}
    </div>
  );
}
