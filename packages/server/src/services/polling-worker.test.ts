import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, ORIGIN } from '../test/context.js';
import { startVendorEndpoint, waitFor } from '../test/vendor-endpoint.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A third-party API on loopback whose contact list the test changes. */
async function startContactsApi() {
  const state = { contacts: [{ id: 'c_1', email: 'ada@example.com' }], calls: 0 };
  const server = createServer((_request, response) => {
    state.calls++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: { items: state.contacts } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { state, url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` };
}

describe('polling events', () => {
  it('records what is there on the first run, then emits each new item once per interval', async () => {
    const api = await startContactsApi();
    const endpoint = await startVendorEndpoint();
    const stop = new AbortController();
    const t = await createTestContext({
      egressAllowHosts: [api.host, endpoint.host],
      deliveryIntervalMs: 15,
      pollingIntervalMs: 15,
      signal: stop.signal,
    });
    cleanups.push(endpoint.close, t.close, async () => stop.abort());
    const { secretKey: key } = await t.createOrganization();
    await t.createConnector(key, {
      name: 'Acme CRM',
      authMethods: [{ kind: 'apiKey' }],
      apiBaseUrl: api.url,
      actions: [{ key: 'list-contacts', name: 'List contacts', method: 'GET', path: '/contacts' }],
      events: [
        {
          key: 'contact.created',
          name: 'Contact created',
          delivery: {
            kind: 'polling',
            action: 'list-contacts',
            intervalSeconds: 60,
            itemsPath: 'data.items',
            idField: 'id',
          },
        },
      ],
    });
    await t.request('POST', '/v1/webhook-endpoints', { key, body: { url: endpoint.url } });
    const created = await t.request('POST', '/v1/session/connections', {
      key: await t.mintSession(key),
      headers: { origin: ORIGIN },
      body: { connector: 'acme-crm', credentials: { apiKey: 'acme-key' } },
    });
    const connectionId = created.json.id as string;
    await waitFor(async () => (await t.store.getPollingState(connectionId, 'contact.created'))?.seenIds.length === 1);
    await waitFor(() => endpoint.received.length === 1); // connection.created only

    api.state.contacts = [{ id: 'c_2', email: 'grace@example.com' }, ...api.state.contacts];
    await t.workerRounds('polling');
    expect(api.state.calls).toBe(1); // not due before its interval
    t.clock.offsetMs = 61_000;
    await waitFor(() => endpoint.received.length === 2);
    t.clock.offsetMs = 122_000;
    await waitFor(() => api.state.calls === 3);
    // The round that made the third call has emitted whatever it would, and the deliveries after it sent it.
    await t.workerRounds('polling', 1);
    await t.workerRounds('delivery');

    const polled = endpoint.received
      .map((request) => JSON.parse(request.body))
      .filter((body) => body.type !== 'connection.created');
    expect(polled).toEqual([
      expect.objectContaining({
        type: 'acme-crm.contact.created',
        data: {
          connection: expect.objectContaining({ id: connectionId }),
          payload: { id: 'c_2', email: 'grace@example.com' },
        },
      }),
    ]);
  });

  it('refuses a polling event that names an action the connector does not have', async () => {
    const t = await createTestContext();
    cleanups.push(t.close);
    const { secretKey: key } = await t.createOrganization();
    const delivery = { kind: 'polling', action: 'list-deals', intervalSeconds: 60, itemsPath: '', idField: 'id' };
    const response = await t.request('POST', '/v1/connectors', {
      key,
      body: {
        name: 'Acme CRM',
        authMethods: [{ kind: 'apiKey' }],
        events: [{ key: 'deal.created', name: 'Deal created', delivery }],
      },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.details.issues).toEqual([
      { path: 'events.0.delivery.action', message: 'No action "list-deals" to poll' },
    ]);
  });
});
