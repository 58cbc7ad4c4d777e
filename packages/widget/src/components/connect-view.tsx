import { useEffect, useRef } from 'preact/hooks';
import { format, type Messages, problemText } from '../messages.js';
import type { ConnectStore } from '../state/connect-store.js';
import { AuthDialog } from './auth-dialog.js';
import { ConnectorCard } from './connector-card.js';

/**
 * Everything inside `<plugboard-connect>`: the card grid in its loading, empty, failed or ready state, and the form,
 * in the locale's language and direction.
 */
export function ConnectView({
  store,
  messages,
  locale = 'en',
  dir = 'ltr',
}: {
  store: ConnectStore;
  messages: Messages;
  locale?: string;
  dir?: 'ltr' | 'rtl';
}) {
  const trigger = useRef<HTMLElement | null>(null);
  const open = store.openCard.value !== null;

  // Focus goes back to the button that opened the form once it closes.
  useEffect(() => {
    if (!open) trigger.current?.focus();
  }, [open]);

  const status = store.status.value;
  const loadError = store.loadError.value;
  return (
    <div class="root" lang={locale} dir={dir}>
      {status === 'loading' && (
        <div class="state" role="status" aria-busy="true">
          <span class="spinner" aria-hidden="true" />
          {messages.loading}
        </div>
      )}
      {status === 'failed' && (
        <div class="state" role="alert">
          <p>
            {messages.loadFailed} {loadError && problemText(loadError, messages)}
          </p>
          <button type="button" class="secondary" onClick={store.load}>
            {messages.retry}
          </button>
        </div>
      )}
      {status === 'ready' && store.cards.value.length === 0 && <p class="state">{messages.empty}</p>}
      {status === 'ready' && store.cards.value.length > 0 && (
        <ul part="grid" class="grid">
          {store.cards.value.map((card) => (
            <ConnectorCard
              key={card.id}
              card={card}
              messages={messages}
              locale={locale}
              onConnect={(button, action) => {
                trigger.current = button;
                store.open(card.id, action);
              }}
            />
          ))}
        </ul>
      )}
      <p class="visually-hidden" role="status">
        {store.announcement.value ? format(messages.connected, { name: store.announcement.value }) : ''}
      </p>
      {open && <AuthDialog store={store} messages={messages} />}
    </div>
  );
}
