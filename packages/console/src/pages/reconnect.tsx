import type { AdminConnection } from '@plugboard/shared';
import { type ConnectStore, createConnectStore, defaultMessages } from '@plugboard/widget';
import { AuthDialog } from '@plugboard/widget/components';
import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog.js';
import { ShadowHost } from '../components/shadow-host.js';
import type { ConsoleServices } from '../services.js';
import { errorText } from '../state/errors.js';

/** The widget's connect form, in reconnect mode; tells the page once it closes, connected or not. */
function ReconnectForm({ store, onClosed }: { store: ConnectStore; onClosed: () => void }) {
  const open = store.openCard.value !== null;
  useEffect(() => {
    if (!open) onClosed();
  }, [open]);
  return open ? <AuthDialog store={store} messages={defaultMessages} /> : null;
}

/**
 * Re-authorizes one connection in place: a test session for the connection's tenant, the widget's store
 * opened on its connector with the connection as the one to reconnect, and the widget's own dialog.
 */
export function Reconnect({
  services,
  connection,
  onDone,
}: {
  services: ConsoleServices;
  connection: AdminConnection;
  /** Called once the form closes, whether it reconnected or not: the page reloads the row either way. */
  onDone: () => void;
}) {
  const [state, setState] = useState<{ store?: ConnectStore; error?: unknown }>({});

  useEffect(() => {
    let live = true;
    (async () => {
      const session = await services.client.testSession({ tenantId: connection.tenantId });
      const store = createConnectStore(services.sessionFor(session.token), () => {}, undefined, services.oauth);
      await store.load();
      if (store.status.value === 'failed') throw store.loadError.value;
      store.open(connection.connectorId);
      if (!store.openCard.value) throw { message: 'This connector is not available to the console any more.' };
      store.reconnectId.value = connection.id;
      if (live) setState({ store });
    })().catch((error: unknown) => live && setState({ error }));
    return () => {
      live = false;
    };
  }, [connection.id]);

  if (state.error !== undefined) {
    return (
      <Dialog title="Reconnect" onClose={() => onDone()} testId="reconnect-error">
        <p class="form-error" role="alert">
          {errorText(state.error)}
        </p>
        <div class="buttons">
          <button type="button" class="secondary" onClick={() => onDone()}>
            Close
          </button>
        </div>
      </Dialog>
    );
  }
  if (!state.store) {
    return (
      <p class="state" role="status" aria-busy="true">
        Preparing the reconnect form…
      </p>
    );
  }
  return (
    <ShadowHost testId="reconnect-host">
      <ReconnectForm store={state.store} onClosed={onDone} />
    </ShadowHost>
  );
}
