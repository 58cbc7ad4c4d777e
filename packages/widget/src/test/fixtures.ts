import type { Connection, ConnectionCreate, ConnectorCard } from '@plugboard/shared';
import type { PlugboardConnectEventDetails } from '../events.js';
import type { SessionClient } from '../state/connect-store.js';

/** A connector card as the API returns it. */
export function card(overrides: Partial<ConnectorCard> = {}): ConnectorCard {
  return {
    id: 'ctr_sendgrid',
    slug: 'sendgrid',
    name: 'SendGrid',
    description: 'Transactional email.',
    domain: 'sendgrid.com',
    visibility: 'private',
    iconUrl: null,
    createdBy: { id: 'usr_1', name: 'Sam Builder', externalId: null },
    personal: false,
    connectionCount: 0,
    needsReauth: [],
    variables: [],
    authMethods: [{ id: 'am_key', kind: 'apiKey', label: 'API key', isDefault: true, in: 'header', name: 'X-API-Key' }],
    ...overrides,
  };
}

/** An in-memory stand-in for the session client: records calls, answers from a script. */
export function fakeClient(cards: ConnectorCard[]) {
  const created: ConnectionCreate[] = [];
  const client: SessionClient & { created: ConnectionCreate[]; failNext?: unknown; failList?: unknown } = {
    created,
    connectors: {
      list: async () => {
        if (client.failList) throw client.failList;
        return structuredClone(cards);
      },
    },
    connections: {
      create: async (body) => {
        if (client.failNext) {
          const error = client.failNext;
          client.failNext = undefined;
          throw error;
        }
        created.push(body);
        return connection(body);
      },
    },
  };
  return client;
}

function connection(body: ConnectionCreate): Connection {
  const now = new Date().toISOString();
  return {
    id: `cxn_${created()}`,
    connectorId: body.connector,
    connectorSlug: 'sendgrid',
    tenantId: 'tenant-a',
    authMethodId: body.authMethodId ?? 'am_key',
    authKind: 'apiKey',
    label: body.label ?? 'SendGrid',
    variables: body.variables ?? {},
    status: 'active',
    createdBy: 'user-1',
    createdAt: now,
    updatedAt: now,
    lastUsedAt: null,
    tokenExpiresAt: null,
  };
}

let counter = 0;
const created = () => ++counter;

/** Collects emitted events in order. */
export function eventLog() {
  const events: { type: keyof PlugboardConnectEventDetails; detail: unknown }[] = [];
  const emit = <K extends keyof PlugboardConnectEventDetails>(type: K, detail: PlugboardConnectEventDetails[K]) => {
    events.push({ type, detail });
  };
  return { events, emit };
}

/** An API validation error as the SDK throws it. */
export function validationError(path: string, message: string) {
  return {
    code: 'validation_failed',
    message: `POST failed: ${message}`,
    apiMessage: message,
    issues: [{ path, message }],
  };
}

/**
 * A session client that renews its token the way `PlugboardSession` does: an expired token makes it
 * call `fetchToken` once and retry once; a failing `fetchToken` fails the call with that error.
 */
export function renewingClient(cards: ConnectorCard[], fetchToken: () => Promise<string>) {
  const inner = fakeClient(cards);
  const state = { token: 'pb_cs_first', expired: new Set<string>(), renewals: 0 };
  async function call<T>(run: () => Promise<T>): Promise<T> {
    if (!state.expired.has(state.token)) return run();
    state.renewals++;
    state.token = await fetchToken();
    if (state.expired.has(state.token)) throw { code: 'session_expired', message: 'The connect session has expired' };
    return run();
  }
  const client: SessionClient = {
    connectors: { list: () => call(() => inner.connectors.list()) },
    connections: { create: (body) => call(() => inner.connections.create(body)) },
  };
  return { client, state, created: inner.created };
}
