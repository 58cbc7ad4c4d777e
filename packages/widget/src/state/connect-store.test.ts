import { describe, expect, it } from 'vitest';
import { card, eventLog, fakeClient, renewingClient, validationError } from '../test/fixtures.js';
import { createConnectStore } from './connect-store.js';
import { tokenSource } from './token-source.js';

describe('createConnectStore', () => {
  it('loads the cards and reports ready', async () => {
    const { events, emit } = eventLog();
    const store = createConnectStore(fakeClient([card(), card({ id: 'ctr_2', slug: 'stripe', name: 'Stripe' })]), emit);
    expect(store.status.value).toBe('loading');
    await store.load();
    expect(store.status.value).toBe('ready');
    expect(store.cards.value.map((c) => c.name)).toEqual(['SendGrid', 'Stripe']);
    expect(events).toEqual([{ type: 'plugboard:ready', detail: { connectors: 2 } }]);
  });

  it('shows only the slugs the vendor asked for', async () => {
    const store = createConnectStore(
      fakeClient([card(), card({ id: 'ctr_2', slug: 'stripe', name: 'Stripe' })]),
      eventLog().emit,
      ['stripe'],
    );
    await store.load();
    expect(store.cards.value.map((c) => c.slug)).toEqual(['stripe']);
  });

  it('shows cards the page passed as a load would, narrowed to the vendor’s slugs, without asking the API', () => {
    const { events, emit } = eventLog();
    const client = fakeClient([]);
    client.failList = new Error('the cards were passed: nothing should list them');
    const store = createConnectStore(client, emit, ['stripe']);
    store.show([card(), card({ id: 'ctr_2', slug: 'stripe', name: 'Stripe' })]);
    expect(store.status.value).toBe('ready');
    expect(store.cards.value.map((c) => c.slug)).toEqual(['stripe']);
    expect(events).toEqual([{ type: 'plugboard:ready', detail: { connectors: 1 } }]);
  });

  it('opens a card with its default auth method preselected', async () => {
    const methods = [
      { id: 'am_basic', kind: 'basic' as const, label: 'Password', isDefault: false },
      { id: 'am_bearer', kind: 'bearer' as const, label: 'Token', isDefault: true },
    ];
    const store = createConnectStore(fakeClient([card({ authMethods: methods })]), eventLog().emit);
    await store.load();
    store.open('ctr_sendgrid');
    expect(store.method.value?.id).toBe('am_bearer');
    store.selectMethod('am_basic');
    expect(store.method.value?.kind).toBe('basic');
  });

  it('counts a new connection on its card and emits connected without credentials', async () => {
    const { events, emit } = eventLog();
    const client = fakeClient([card()]);
    const store = createConnectStore(client, emit);
    await store.load();
    store.open('ctr_sendgrid');
    expect(await store.submit({ apiKey: 'SG.secret-value' })).toBe(true);
    expect(client.created).toEqual([
      { connector: 'ctr_sendgrid', authMethodId: 'am_key', credentials: { apiKey: 'SG.secret-value' } },
    ]);
    expect(store.cards.value[0]?.connectionCount).toBe(1);
    expect(store.openCard.value).toBeNull();
    const connected = events.find((event) => event.type === 'plugboard:connected');
    expect(connected?.detail).toMatchObject({ connector: { id: 'ctr_sendgrid', slug: 'sendgrid', name: 'SendGrid' } });
    expect(JSON.stringify(events)).not.toContain('SG.secret-value');
  });

  it('adds a connection beside one that needs reauth, or reconnects that one, as the card’s button asks', async () => {
    const broken = { id: 'cxn_broken', label: 'SendGrid' };
    const client = fakeClient([card({ connectionCount: 2, needsReauth: [broken] })]);
    const store = createConnectStore(client, eventLog().emit);
    await store.load();
    store.open('ctr_sendgrid', 'reconnect');
    expect(store.reconnectId.value).toBe('cxn_broken');
    store.close();
    store.open('ctr_sendgrid', 'add');
    expect(store.reconnectId.value).toBeNull();
    expect(await store.submit({ apiKey: 'SG.second' })).toBe(true);
    expect(store.cards.value[0]).toMatchObject({ connectionCount: 3, needsReauth: [broken] });
  });

  it('puts a server validation error on its field and keeps the form open', async () => {
    const client = fakeClient([card()]);
    const { events, emit } = eventLog();
    const store = createConnectStore(client, emit);
    await store.load();
    store.open('ctr_sendgrid');
    client.failNext = validationError('credentials.apiKey', 'Enter an API key');
    expect(await store.submit({ apiKey: '' })).toBe(false);
    expect(store.fieldErrors.value).toEqual({ apiKey: 'Enter an API key' });
    expect(store.formError.value).toBeNull();
    expect(store.openCard.value?.id).toBe('ctr_sendgrid');
    expect(events.at(-1)).toMatchObject({
      type: 'plugboard:error',
      detail: { code: 'validation_failed', connectorId: 'ctr_sendgrid' },
    });
  });

  it('shows errors that belong to no field above the buttons', async () => {
    const client = fakeClient([card()]);
    const store = createConnectStore(client, eventLog().emit);
    await store.load();
    store.open('ctr_sendgrid');
    client.failNext = { code: 'network_error', message: 'POST /v1/session/connections got no answer' };
    await store.submit({ apiKey: 'x' });
    expect(store.formError.value?.code).toBe('network_error');
  });

  it('reports a failed load, an expired session, and recovers on retry', async () => {
    const client = fakeClient([card()]);
    const { events, emit } = eventLog();
    const store = createConnectStore(client, emit);
    client.failList = { code: 'session_expired', message: 'x', apiMessage: 'The connect session has expired' };
    await store.load();
    expect(store.status.value).toBe('failed');
    expect(store.loadError.value).toEqual({ code: 'session_expired', message: 'The connect session has expired' });
    expect(events.map((event) => event.type)).toEqual(['plugboard:session-expired', 'plugboard:error']);
    client.failList = undefined;
    await store.load();
    expect(store.status.value).toBe('ready');
  });

  it('emits cancelled when the form closes without connecting', async () => {
    const { events, emit } = eventLog();
    const store = createConnectStore(fakeClient([card()]), emit);
    await store.load();
    store.open('ctr_sendgrid');
    store.close();
    expect(events.at(-1)).toEqual({
      type: 'plugboard:cancelled',
      detail: { connector: { id: 'ctr_sendgrid', slug: 'sendgrid', name: 'SendGrid' } },
    });
  });

  it('keeps working through a renewed session token without telling the page it expired', async () => {
    const { events, emit } = eventLog();
    const { client, state, created } = renewingClient(
      [card()],
      tokenSource(async () => 'pb_cs_second', true),
    );
    const store = createConnectStore(client, emit);
    await store.load();
    state.expired.add('pb_cs_first');
    store.open('ctr_sendgrid');
    expect(await store.submit({ apiKey: 'SG.key' })).toBe(true);
    expect(state).toMatchObject({ token: 'pb_cs_second', renewals: 1 });
    expect(created).toHaveLength(1);
    expect(events.map((event) => event.type)).toEqual(['plugboard:ready', 'plugboard:connected']);
  });

  it('reports an expired session once when the token cannot be renewed, keeping the form open', async () => {
    const { events, emit } = eventLog();
    const backendDown = tokenSource(() => Promise.reject(new Error('503 from /api/plugboard-session')), true);
    const { client, state, created } = renewingClient([card()], backendDown);
    const store = createConnectStore(client, emit);
    await store.load();
    state.expired.add('pb_cs_first');
    store.open('ctr_sendgrid');
    expect(await store.submit({ apiKey: 'SG.key' })).toBe(false);
    expect(created).toHaveLength(0);
    expect(store.openCard.value?.id).toBe('ctr_sendgrid');
    expect(store.formError.value?.code).toBe('session_expired');
    expect(events.slice(1)).toMatchObject([
      { type: 'plugboard:session-expired', detail: {} },
      { type: 'plugboard:error', detail: { code: 'session_expired', connectorId: 'ctr_sendgrid' } },
    ]);
    expect(JSON.stringify(events)).not.toContain('SG.key');
  });
});
