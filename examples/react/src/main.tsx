import '@plugboard/widget/define';
import type { PlugboardConnectElement, PlugboardConnectEventMap } from '@plugboard/widget';
// JSX typings for <plugboard-connect>, shipped by the widget.
import type {} from '@plugboard/widget/react';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** Where your Plugboard backend runs. */
const plugboardUrl = import.meta.env.VITE_PLUGBOARD_URL ?? 'http://localhost:4400';

/** Your backend mints the connect session; the browser only ever sees its token. */
async function fetchSessionToken(): Promise<string> {
  const response = await fetch('/api/plugboard-session', { method: 'POST' });
  if (!response.ok) throw new Error(`Could not start a connect session (${response.status})`);
  return (await response.json()).token;
}

function Integrations() {
  const ref = useRef<PlugboardConnectElement>(null);
  const [connected, setConnected] = useState<string[]>([]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.fetchSessionToken = fetchSessionToken;
    const onConnected = (event: PlugboardConnectEventMap['plugboard:connected']) =>
      setConnected((names) => [...names, event.detail.connector.name]);
    element.addEventListener('plugboard:connected', onConnected);
    return () => element.removeEventListener('plugboard:connected', onConnected);
  }, []);

  return (
    <main>
      <h1>Integrations</h1>
      <plugboard-connect ref={ref} api-base={plugboardUrl} />
      <p id="connected" aria-live="polite">
        {connected.length ? `Connected this visit: ${connected.join(', ')}` : 'Nothing connected yet this visit.'}
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Integrations />
    </StrictMode>,
  );
}
