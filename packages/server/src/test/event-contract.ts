// The store contract's part for events, their deliveries and polling state.
import { expect, it } from 'vitest';
import type { StoreFactory } from './store-contract.js';
import { at, connection, connector, sealed, seed } from './store-fixtures.js';

/** Runs the events part of the store contract. */
export function describeEventContract(factory: StoreFactory) {
  it("keeps connector event definitions, replaced whole, and gets several connectors' in one call", async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    expect(await store.getConnectorEvents('ctr_a')).toEqual([]);
    const event = { key: 'contact.created', name: 'Contact created', description: '', delivery: { kind: 'webhook' } };
    await store.putConnectorEvents('ctr_a', [event as never]);
    await store.putConnectorEvents('ctr_a', [{ ...event, key: 'deal.won' } as never]);
    expect((await store.getConnectorEvents('ctr_a')).map((e) => e.key)).toEqual(['deal.won']);
    await store.createConnector(connector(organizationId, 'ctr_b'));
    await store.createConnector(connector(organizationId, 'ctr_c'));
    await store.putConnectorEvents('ctr_b', [event as never]);
    const listed = await store.getEventsOfConnectors(['ctr_a', 'ctr_b', 'ctr_c']);
    expect(Object.fromEntries([...listed].map(([id, events]) => [id, events.map((e) => e.key)]))).toEqual({
      ctr_a: ['deal.won'],
      ctr_b: ['contact.created'],
    });
    expect(await store.getEventsOfConnectors([])).toEqual(new Map());
    await store.close();
  });

  it('stores an event with its deliveries, claims each due delivery once and keeps them across reopening', async () => {
    const { store, reopen } = await factory.open();
    const { organizationId } = await seed(store);
    const secret = { keyId: 'k1', nonce: Buffer.alloc(12, 1), ciphertext: Buffer.from('opaque') };
    const endpoint = { organizationId, url: 'https://hooks.example/a', description: '', secret, createdAt: at };
    await store.createWebhookEndpoint({ ...endpoint, id: 'whe_1', events: null });
    await store.createWebhookEndpoint({ ...endpoint, id: 'whe_2', events: ['connection.created'] });
    expect(await store.listWebhookEndpoints(organizationId)).toMatchObject([
      { id: 'whe_1', events: null, secret },
      { id: 'whe_2', events: ['connection.created'] },
    ]);
    const delivery = (id: string, endpointId: string, nextAttemptAt: string) => ({
      ...{ id, organizationId, endpointId, eventId: 'evt_1', type: 'connection.created', status: 'pending' as const },
      ...{ attempts: 0, lastStatus: null, lastError: null, nextAttemptAt, createdAt: at, deliveredAt: null },
    });
    const event = { id: 'evt_1', organizationId, type: 'connection.created', body: '{"id":"evt_1"}', createdAt: at };
    await store.createEvent(event, [
      delivery('dlv_1', 'whe_1', at),
      delivery('dlv_2', 'whe_2', '2026-01-01T00:10:00.000Z'),
    ]);
    await store.close();
    const again = await reopen();
    expect(await again.getEvent('evt_1')).toEqual(event);
    const lease = '2026-01-01T00:01:00.000Z';
    const claimed = await again.claimDueDeliveries('2026-01-01T00:00:30.000Z', lease, 10);
    expect(claimed.map((d) => d.id)).toEqual(['dlv_1']);
    expect(await again.claimDueDeliveries('2026-01-01T00:00:30.000Z', lease, 10)).toEqual([]);
    const first = claimed[0];
    if (!first) throw new Error('nothing claimed');
    await again.updateDelivery({ ...first, status: 'delivered', attempts: 1, lastStatus: 200, deliveredAt: lease });
    expect(await again.getDelivery('dlv_1')).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    const listed = await again.listDeliveries({ organizationId, limit: 10 });
    expect(listed.map((d) => d.id)).toEqual(['dlv_2', 'dlv_1']);
    expect(
      (await again.listDeliveries({ organizationId, status: 'pending', endpointId: 'whe_2', limit: 10 })).length,
    ).toBe(1);
    expect((await again.listDeliveries({ organizationId, limit: 10, cursor: 'dlv_2' })).map((d) => d.id)).toEqual([
      'dlv_1',
    ]);
    expect(await again.deleteWebhookEndpoint('whe_2')).toBe(true);
    expect(await again.getDelivery('dlv_2')).toBeUndefined();
    await again.close();
  });

  it('finds an inbound URL by its token hash and replaces it', async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createConnection(connection(organizationId, 'cxn_1', 'ctr_a'), sealed('cxn_1'));
    const secrets = { keyId: 'k1', nonce: Buffer.alloc(12, 1), ciphertext: Buffer.from('opaque') };
    await store.putInbound({ connectionId: 'cxn_1', tokenHash: 'h1', sealed: secrets, createdAt: at });
    expect((await store.findInboundByTokenHash('h1'))?.connectionId).toBe('cxn_1');
    await store.putInbound({ connectionId: 'cxn_1', tokenHash: 'h2', sealed: secrets, createdAt: at });
    expect(await store.findInboundByTokenHash('h1')).toBeUndefined();
    expect(await store.getInbound('cxn_1')).toMatchObject({ tokenHash: 'h2', sealed: secrets });
    await store.close();
  });

  it('lists connectors with events and their active connections, and keeps polling state', async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createConnector(connector(organizationId, 'ctr_b'));
    const event = { key: 'deal.won', name: 'Deal won', description: '', delivery: { kind: 'webhook' } };
    await store.putConnectorEvents('ctr_a', [event as never]);
    await store.putConnectorEvents('ctr_b', []);
    expect((await store.listConnectorsWithEvents()).map((entry) => entry.connectorId)).toEqual(['ctr_a']);
    for (const id of ['cxn_1', 'cxn_2', 'cxn_3']) {
      await store.createConnection(connection(organizationId, id, 'ctr_a'), sealed(id));
    }
    await store.setConnectionStatus('cxn_2', 'needs_reauth', at);
    const active = await store.listActiveConnectionsOf('ctr_a', { limit: 10 });
    expect(active.map((record) => record.id)).toEqual(['cxn_1', 'cxn_3']);
    expect((await store.listActiveConnectionsOf('ctr_a', { limit: 10, cursor: 'cxn_1' })).map((r) => r.id)).toEqual([
      'cxn_3',
    ]);
    expect(await store.getPollingState('cxn_1', 'deal.won')).toBeUndefined();
    const state = { connectionId: 'cxn_1', eventKey: 'deal.won', seenIds: ['d_1'], nextRunAt: at };
    await store.putPollingState(state);
    await store.putPollingState({ ...state, seenIds: ['d_2', 'd_1'] });
    expect(await store.getPollingState('cxn_1', 'deal.won')).toEqual({ ...state, seenIds: ['d_2', 'd_1'] });
    await store.close();
  });
}
