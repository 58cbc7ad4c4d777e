import { useEffect, useState } from 'preact/hooks';
import { ConfirmDialog, Dialog } from '../components/dialog.js';
import { Empty, Failed, Loading } from '../components/states.js';
import type { CreatedWebhookEndpoint, WebhookEndpoint } from '../contract.js';
import type { ConsoleServices } from '../services.js';
import { formatTime } from '../state/format.js';
import { DeliveryLog } from './delivery-log.js';
import { EndpointForm, SigningSecret } from './endpoint-form.js';

/** Settings → Webhooks: where Plugboard delivers events, and the log of what it delivered. */
export function WebhooksPage({ services }: { services: ConsoleServices }) {
  const { client } = services;
  const [state, setState] = useState<{
    status: 'loading' | 'ready' | 'failed';
    endpoints: WebhookEndpoint[];
    error?: unknown;
  }>({ status: 'loading', endpoints: [] });
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);
  const [removing, setRemoving] = useState<WebhookEndpoint | null>(null);
  const [notice, setNotice] = useState('');
  const [logVersion, setLogVersion] = useState(0);

  async function load() {
    setState({ status: 'loading', endpoints: [] });
    try {
      setState({ status: 'ready', endpoints: (await client.webhookEndpoints.list()).data });
    } catch (error) {
      setState({ status: 'failed', endpoints: [], error });
    }
  }

  useEffect(() => {
    void load();
  }, [client]);

  function onCreated(endpoint: CreatedWebhookEndpoint) {
    // The secret stays in this dialog's state only: closing it forgets the secret for good.
    const { signingSecret: _secret, ...listed } = endpoint;
    setState((current) => ({ ...current, endpoints: [...current.endpoints, listed] }));
    setCreated(endpoint);
    setNotice(`${endpoint.url} was added.`);
  }

  function closeAdd() {
    setAdding(false);
    setCreated(null);
  }

  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">Webhooks</h1>
        <button type="button" class="primary" onClick={() => setAdding(true)} data-testid="add-endpoint">
          + Add endpoint
        </button>
      </header>
      <p class="intro">
        Plugboard sends every event (connection lifecycle and your connectors' events) to these endpoints as signed
        JSON, retrying failures with backoff.
      </p>
      <p class="visually-hidden" role="status">
        {notice}
      </p>
      <section class="page-section" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {state.status === 'loading' && <Loading label="Loading endpoints…" />}
        {state.status === 'failed' && (
          <Failed title="Webhook endpoints could not be loaded." error={state.error} onRetry={load} />
        )}
        {state.status === 'ready' && state.endpoints.length === 0 && (
          <Empty>
            <p>No webhook endpoints yet. Add one to receive events.</p>
          </Empty>
        )}
        {state.status === 'ready' && state.endpoints.length > 0 && (
          <ul class="app-list" data-testid="endpoints">
            {state.endpoints.map((endpoint) => (
              <li key={endpoint.id} class="panel" data-testid="endpoint" aria-labelledby={`endpoint-${endpoint.id}`}>
                <h3 id={`endpoint-${endpoint.id}`} class="endpoint-url">
                  {endpoint.url}
                </h3>
                <dl class="facts">
                  <dt>Description</dt>
                  <dd>{endpoint.description || '—'}</dd>
                  <dt>Events</dt>
                  <dd data-testid="endpoint-events-list">
                    {endpoint.events?.length ? endpoint.events.join(', ') : 'All events'}
                  </dd>
                  <dt>Signing secret</dt>
                  <dd>Shown once when added</dd>
                  <dt>Added</dt>
                  <dd>{formatTime(endpoint.createdAt)}</dd>
                </dl>
                <div class="buttons start">
                  <button
                    type="button"
                    class="danger small"
                    onClick={() => setRemoving(endpoint)}
                    aria-label={`Delete ${endpoint.url}`}
                    data-testid="delete-endpoint"
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {state.status === 'ready' && <DeliveryLog client={client} endpoints={state.endpoints} version={logVersion} />}
      {adding && (
        <Dialog title={created ? 'Endpoint added' : 'Add webhook endpoint'} onClose={closeAdd} testId="endpoint-dialog">
          {created ? (
            <SigningSecret endpoint={created} onDone={closeAdd} />
          ) : (
            <EndpointForm client={client} onCreated={onCreated} onCancel={closeAdd} />
          )}
        </Dialog>
      )}
      {removing && (
        <ConfirmDialog
          title="Delete webhook endpoint"
          message={<p>Delete {removing.url}? It stops receiving events, and its deliveries leave the log.</p>}
          confirmLabel="Delete endpoint"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await client.webhookEndpoints.delete(removing.id);
            setState((current) => ({
              ...current,
              endpoints: current.endpoints.filter((item) => item.id !== removing.id),
            }));
            setNotice(`${removing.url} was deleted.`);
            setLogVersion((n) => n + 1);
            setRemoving(null);
          }}
        />
      )}
    </section>
  );
}
