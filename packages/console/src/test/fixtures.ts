import type { McpToken } from '@plugboard/sdk';
import type { CallLog } from '@plugboard/shared';
import {
  type AdminConnection,
  agentAuthMethodSchema,
  type Connection,
  type ConnectionCreate,
  type ConnectorCard,
  type ConnectorCreate,
  type McpToolPreview,
  type OAuthApp,
} from '@plugboard/shared';
import type { SessionClient } from '@plugboard/widget';
import type { AgentEvent, AgentLogEntry, AgentRun } from '../agent/types.js';
import type { ConsoleAccount, ConsoleClient, ConsoleConnector } from '../console-client.js';
import type { ActionTestResult, ConnectorAction, Delivery, WebhookEndpoint } from '../contract.js';
import type { ConsoleServices } from '../services.js';

const NOW = '2026-01-02T03:04:05.000Z';

/** The signed-in member. */
export const account: ConsoleAccount = {
  member: { id: 'mem_ada', email: 'admin@acme.example', name: 'Ada Admin', externalId: null, createdAt: NOW },
  organization: { id: 'org_acme', name: 'Acme', allowedOrigins: [], createdAt: NOW },
  csrfToken: 'csrf',
};

/** A connector as the admin API lists it. */
export function connector(overrides: Partial<ConsoleConnector> = {}): ConsoleConnector {
  return {
    apiBaseUrl: null,
    variables: [],
    actions: [],
    events: [],
    id: 'ctr_sendgrid',
    organizationId: 'org_acme',
    slug: 'sendgrid',
    name: 'SendGrid',
    description: 'Transactional email.',
    domain: 'sendgrid.com',
    visibility: 'private',
    iconUrl: null,
    authMethods: [{ id: 'am_key', kind: 'apiKey', isDefault: true, in: 'header', name: 'X-API-Key' }],
    createdBy: { id: 'mem_ada', name: 'Ada Admin', externalId: null },
    editable: true,
    connectionCount: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

/** The card the member's test session shows for a connector. */
export function cardOf(from: ConsoleConnector, overrides: Partial<ConnectorCard> = {}): ConnectorCard {
  return {
    id: from.id,
    slug: from.slug,
    name: from.name,
    description: from.description,
    domain: from.domain,
    visibility: from.visibility,
    iconUrl: from.iconUrl,
    createdBy: from.createdBy,
    personal: from.visibility === 'private' && from.createdBy.id === account.member.id,
    authMethods: from.authMethods.map(({ id, kind, isDefault }) => ({ id, kind, isDefault, label: kind })),
    connectionCount: 0,
    needsReauth: [],
    variables: [],
    ...overrides,
  };
}

/** A connection as the admin API lists it, credentials masked. */
export function adminConnection(overrides: Partial<AdminConnection> = {}): AdminConnection {
  return {
    id: 'cxn_1',
    connectorId: 'ctr_sendgrid',
    connectorSlug: 'sendgrid',
    tenantId: 'tenant-a',
    authMethodId: 'am_key',
    authKind: 'apiKey',
    label: 'Production',
    status: 'active',
    createdBy: 'user-1',
    createdAt: NOW,
    updatedAt: NOW,
    lastUsedAt: null,
    tokenExpiresAt: null,
    variables: {},
    maskedCredentials: { apiKey: '••••••••3f9a' },
    ...overrides,
  };
}

/** A managed OAuth app. */
export function oauthApp(overrides: Partial<OAuthApp> = {}): OAuthApp {
  return {
    id: 'oap_hubspot',
    provider: 'hubspot',
    clientId: 'hub-client',
    defaultScopes: ['crm.read'],
    usedBy: [],
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

/** An action as `connectors.actions` lists it: a contact lookup with a path, a query and a header parameter. */
export function action(overrides: Partial<ConnectorAction> = {}): ConnectorAction {
  return {
    key: 'get-contact',
    name: 'Get contact',
    description: 'Reads one contact.',
    method: 'GET',
    path: '/v3/contacts/{id}',
    input: {
      type: 'object',
      required: ['id'],
      properties: {
        id: { type: 'string', description: 'The contact ID.', 'x-in': 'path' },
        limit: { type: 'integer', 'x-in': 'query' },
        verbose: { type: 'boolean', 'x-in': 'query' },
        format: { type: 'string', enum: ['json', 'xml'], 'x-in': 'header' },
      },
    },
    lastTest: null,
    ...overrides,
  };
}

/** What a passing test of `get-contact` answers. */
export function actionRun(overrides: Partial<ActionTestResult> = {}): ActionTestResult {
  return {
    passed: true,
    status: 200,
    at: NOW,
    latencyMs: 84,
    result: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { id: 'c_42', email: 'grace@example.com' },
      durationMs: 84,
      request: {
        method: 'GET',
        url: 'https://api.sendgrid.com/v3/contacts/c_42',
        headers: { authorization: 'Bearer ••••••••3f9a', accept: 'application/json' },
      },
    },
    ...overrides,
  };
}

/** A vendor webhook endpoint. */
export function endpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: 'whe_1',
    url: 'https://hooks.acme.example/plugboard',
    description: 'Production',
    events: null,
    createdAt: NOW,
    ...overrides,
  };
}

/** A delivery in the log. */
export function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: 'dlv_1',
    endpointId: 'whe_1',
    eventId: 'evt_1',
    type: 'connection.created',
    status: 'failed',
    attempts: 3,
    lastStatus: 500,
    lastError: 'Internal Server Error',
    nextAttemptAt: null,
    createdAt: NOW,
    deliveredAt: null,
    ...overrides,
  };
}

/** A HubSpot run paused for review: OAuth and a private app token, contact and deal actions in two tags, one event. */
export function agentRun(overrides: Partial<AgentRun> = {}): AgentRun {
  return {
    id: 'run_1',
    prompt: 'HubSpot CRM',
    status: 'awaiting_review',
    step: 'review',
    source: { kind: 'catalog', provider: 'hubspot' },
    draft: {
      name: 'HubSpot',
      slug: 'hubspot',
      description: 'CRM: contacts, companies and deals.',
      domain: 'hubspot.com',
      visibility: 'private',
      authMethods: [
        {
          key: 'oauth2',
          kind: 'oauth2',
          isDefault: true,
          authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
          tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
          scopes: ['crm.objects.contacts.read'],
        },
        { key: 'private-app', kind: 'apiKey', in: 'header', name: 'X-Private-App' },
      ].map((method) => agentAuthMethodSchema.parse(method)),
      actions: [
        {
          key: 'list-contacts',
          name: 'List contacts',
          description: '',
          method: 'GET',
          path: '/crm/v3/objects/contacts',
          input: { type: 'object', properties: {} },
        },
        {
          key: 'get-contact',
          name: 'Get contact',
          description: '',
          method: 'GET',
          path: '/crm/v3/objects/contacts/{id}',
          input: { type: 'object', required: ['id'], properties: { id: { type: 'string', 'x-in': 'path' } } },
        },
        {
          key: 'list-deals',
          name: 'List deals',
          description: '',
          method: 'GET',
          path: '/crm/v3/objects/deals',
          input: { type: 'object', properties: {} },
        },
      ],
      events: [
        {
          key: 'contact.created',
          name: 'Contact created',
          description: '',
          delivery: { kind: 'webhook' },
        },
      ],
    },
    groups: [
      { tag: 'contacts', actionKeys: ['list-contacts', 'get-contact'] },
      { tag: 'deals', actionKeys: ['list-deals'] },
    ],
    tests: [],
    fixes: [],
    warnings: [],
    connectorId: null,
    error: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

/** A log entry of a run. */
export function logEntry(seq: number, message: string, overrides: Partial<AgentLogEntry> = {}): AgentLogEntry {
  return { seq, at: NOW, step: 'understand', kind: 'info', message, ...overrides };
}

/** A stream of agent events a test pushes to: every `events()` call reads what was pushed, then waits for more. */
export function eventStream() {
  const items: AgentEvent[] = [];
  const waiting = new Set<() => void>();
  let ended: unknown = null;
  let closed = false;
  const wake = () => {
    for (const resolve of waiting) resolve();
    waiting.clear();
  };
  return {
    push(...events: AgentEvent[]) {
      items.push(...events);
      wake();
    },
    /** Ends the stream, with an error when given. */
    end(error?: unknown) {
      closed = true;
      ended = error ?? null;
      wake();
    },
    async *read(signal?: AbortSignal): AsyncGenerator<AgentEvent> {
      let index = 0;
      while (!signal?.aborted) {
        if (index < items.length) {
          yield items[index++] as AgentEvent;
          continue;
        }
        if (closed) {
          if (ended) throw ended;
          return;
        }
        await new Promise<void>((resolve) => {
          waiting.add(resolve);
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
    },
  };
}

/** An error shaped like the SDK's `PlugboardApiError`. */
export const apiError = (code: string, message: string, issues?: { path: string; message: string }[]) =>
  Object.assign(new Error(`failed (${code}): ${message}`), {
    code,
    apiMessage: message,
    ...(issues ? { issues } : {}),
  });

/** Calls the fake answered, in order, with their arguments. */
export type Call = [string, ...unknown[]];

/**
 * An in-memory console client: answers from the data given, records every call, and fails a call when
 * `fail[name]` holds an error (once).
 */
export function fakeConsole(
  data: {
    connectors?: ConsoleConnector[];
    connections?: AdminConnection[];
    apps?: OAuthApp[];
    actions?: ConnectorAction[];
    endpoints?: WebhookEndpoint[];
    deliveries?: Delivery[];
    /** Deliveries per page: more than this pages with a cursor. */
    pageSize?: number;
    signedIn?: boolean;
    mcpTokens?: McpToken[];
    /** The MCP tools `mcpTokens.preview` answers, per tenant. */
    mcpTools?: Record<string, McpToolPreview[]>;
    /** What `logs.list` answers (filtered by connection only). */
    logs?: CallLog[];
  } = {},
) {
  const calls: Call[] = [];
  const fail: Record<string, unknown> = {};
  const state = {
    connectors: data.connectors ?? [connector()],
    connections: data.connections ?? [adminConnection()],
    apps: data.apps ?? [],
    actions: data.actions ?? [action()],
    endpoints: data.endpoints ?? [endpoint()],
    deliveries: data.deliveries ?? [delivery()],
    /** What the next `testAction` answers. */
    run: actionRun(),
    /** What `agent.limits` answers. */
    agentLimits: { maxSpecBytes: 50 * 1024 * 1024, maxBuildsPerOrganization: 2, maxActions: 2000, maxEvents: 500 },
    /** The agent run `agent.start` begins and `agent.get` answers. */
    agentRun: agentRun({ status: 'running', step: 'understand' }),
    /** The run `agent.review` answers. */
    reviewed: agentRun({ status: 'running', step: 'test', updatedAt: '2026-01-02T03:05:00.000Z' }),
    /** What `agent.events` streams. */
    stream: eventStream(),
    mcpTokens: data.mcpTokens ?? [],
  };
  const answer = async <T>(name: string, args: unknown[], value: () => T): Promise<T> => {
    calls.push([name, ...args]);
    const failure = fail[name];
    if (failure !== undefined) {
      delete fail[name];
      throw failure;
    }
    return value();
  };
  const client: ConsoleClient = {
    mcpTokens: fakeMcpTokens(answer, state, data.mcpTools ?? {}),
    logs: {
      list: (query) =>
        answer('logs.list', [query], () => ({
          data: (data.logs ?? []).filter((row) => !query?.connectionId || row.connectionId === query.connectionId),
          nextCursor: null,
        })),
    },
    signIn: (body) => answer('signIn', [body], () => account),
    me: () =>
      answer('me', [], () => {
        if (data.signedIn === false) throw apiError('unauthenticated', 'Sign in first');
        return account;
      }),
    signOut: () => answer('signOut', [], () => undefined),
    testSession: (body) =>
      answer('testSession', [body], () => ({
        id: 'cs_1',
        token: `pb_cs_${body?.tenantId ?? 'console'}`,
        tenantId: body?.tenantId ?? 'console-test-mem_ada',
        endUserId: 'mem_ada',
        allowedConnectors: null,
        allowedOrigins: null,
        expiresAt: NOW,
      })),
    connectors: {
      list: (query) => answer('connectors.list', [query], () => ({ data: state.connectors, nextCursor: null })),
      get: (id) =>
        answer('connectors.get', [id], () => {
          const found = state.connectors.find((candidate) => candidate.id === id);
          if (!found) throw apiError('not_found', 'No such connector');
          return found;
        }),
      create: (body: ConnectorCreate) =>
        answer('connectors.create', [body], () => {
          const made = connector({ id: 'ctr_new', name: body.name, slug: body.slug ?? 'new' });
          state.connectors = [...state.connectors, made];
          return made;
        }),
      update: (id, body) =>
        answer('connectors.update', [id, body], () => {
          const found = state.connectors.find((candidate) => candidate.id === id) ?? connector();
          return { ...found, ...(body as Partial<ConsoleConnector>) };
        }),
      delete: (id) => answer('connectors.delete', [id], () => undefined),
      actions: (id) => answer('connectors.actions', [id], () => ({ data: structuredClone(state.actions) })),
      testAction: (id, key, body) =>
        answer('connectors.testAction', [id, key, body], () => {
          const { result: _result, ...lastTest } = state.run;
          state.actions = state.actions.map((item) => (item.key === key ? { ...item, lastTest } : item));
          return state.run;
        }),
    },
    connections: {
      list: (query) =>
        answer('connections.list', [query], () => ({
          data: state.connections.filter(
            (row) =>
              (!query?.status || row.status === query.status) &&
              (!query?.tenantId || row.tenantId === query.tenantId) &&
              (!query?.connector || row.connectorId === query.connector),
          ),
          nextCursor: null,
        })),
      test: (id) =>
        answer('connections.test', [id], () => ({
          result: 'unsupported' as const,
          message: 'SendGrid defines no check yet',
          status: 'active' as const,
          checkedAt: NOW,
        })),
      delete: (id) => answer('connections.delete', [id], () => undefined),
    },
    tenants: {
      list: (query) =>
        answer('tenants.list', [query], () => ({
          data: [...new Set(state.connections.map((row) => row.tenantId))].map((id) => ({
            id,
            connectionCount: 1,
            createdAt: NOW,
          })),
          nextCursor: null,
        })),
    },
    oauthApps: {
      list: () => answer('oauthApps.list', [], () => ({ data: state.apps, nextCursor: null })),
      create: (body) =>
        answer('oauthApps.create', [body], () =>
          oauthApp({
            id: 'oap_new',
            provider: body.provider,
            clientId: body.clientId,
            defaultScopes: body.defaultScopes ?? [],
          }),
        ),
      update: (id, body) =>
        answer('oauthApps.update', [id, body], () => {
          const found = state.apps.find((app) => app.id === id) ?? oauthApp();
          return {
            ...found,
            ...(body.clientId ? { clientId: body.clientId } : {}),
            ...(body.defaultScopes ? { defaultScopes: body.defaultScopes } : {}),
          };
        }),
      delete: (id) => answer('oauthApps.delete', [id], () => undefined),
    },
    webhookEndpoints: {
      list: () => answer('webhookEndpoints.list', [], () => ({ data: state.endpoints, nextCursor: null })),
      create: (body) =>
        answer('webhookEndpoints.create', [body], () => {
          const made = endpoint({
            id: 'whe_new',
            url: body.url,
            description: body.description ?? '',
            events: body.events ?? null,
          });
          state.endpoints = [...state.endpoints, made];
          return { ...made, signingSecret: 'whsec_s3cr3t' };
        }),
      delete: (id) =>
        answer('webhookEndpoints.delete', [id], () => {
          state.endpoints = state.endpoints.filter((item) => item.id !== id);
        }),
    },
    deliveries: {
      list: (query) =>
        answer('deliveries.list', [query], () => {
          const size = data.pageSize ?? 50;
          const matching = state.deliveries.filter(
            (row) =>
              (!query?.endpointId || row.endpointId === query.endpointId) &&
              (!query?.status || row.status === query.status),
          );
          const start = query?.cursor ? Number(query.cursor) : 0;
          const end = start + size;
          return { data: matching.slice(start, end), nextCursor: end < matching.length ? String(end) : null };
        }),
      resend: (id) =>
        answer('deliveries.resend', [id], () => {
          // As the server does: the event again, as a new pending delivery.
          const found = state.deliveries.find((row) => row.id === id) ?? delivery({ id });
          const sent = delivery({
            ...found,
            id: `${id}_again`,
            status: 'pending',
            attempts: 0,
            lastStatus: null,
            lastError: null,
            nextAttemptAt: NOW,
          });
          state.deliveries = [sent, ...state.deliveries];
          return sent;
        }),
    },
    agent: {
      limits: () => answer('agent.limits', [], () => state.agentLimits),
      start: (body) =>
        answer('agent.start', [body], () => {
          state.agentRun = { ...state.agentRun, prompt: body.prompt };
          return state.agentRun;
        }),
      get: (id) => answer('agent.get', [id], () => state.agentRun),
      list: (query) => answer('agent.list', [query], () => ({ data: [state.agentRun], nextCursor: null })),
      review: (id, decisions) =>
        answer('agent.review', [id, decisions], () => {
          state.agentRun = state.reviewed;
          return state.reviewed;
        }),
      cancel: (id) =>
        answer('agent.cancel', [id], () => {
          state.agentRun = { ...state.agentRun, status: 'cancelled' };
          return state.agentRun;
        }),
      create: (id, body) =>
        answer('agent.create', [id, body], () => {
          const made = connector({ id: 'ctr_hubspot', name: body.name ?? 'HubSpot', slug: body.slug ?? 'hubspot' });
          state.connectors = [...state.connectors, made];
          state.agentRun = { ...state.agentRun, status: 'created', connectorId: made.id };
          return made;
        }),
      events: (id, options) => {
        calls.push(['agent.events', id, ...(options?.after ? [options.after] : [])]);
        return state.stream.read(options?.signal);
      },
    },
  };
  const named = (name: string) => calls.filter(([call]) => call === name).map(([, ...args]) => args);
  return { client, calls, named, fail, state };
}

/** The MCP part of the fake console: tokens kept in `state.mcpTokens`, tools per tenant from `tools`. */
function fakeMcpTokens(
  answer: <T>(name: string, args: unknown[], value: () => T) => Promise<T>,
  state: { mcpTokens: McpToken[] },
  tools: Record<string, McpToolPreview[]>,
): ConsoleClient['mcpTokens'] {
  return {
    preview: (tenantId) => answer('mcpTokens.preview', [tenantId], () => ({ data: tools[tenantId] ?? [] })),
    list: () => answer('mcpTokens.list', [], () => ({ data: state.mcpTokens })),
    create: (body) =>
      answer('mcpTokens.create', [body], () => {
        const id = `mcp_${state.mcpTokens.length + 1}`;
        const { tenantId, endUserId } = body;
        state.mcpTokens = [
          ...state.mcpTokens,
          {
            id,
            prefix: `pb_mt_${id}`.slice(0, 12),
            tenantId,
            endUserId,
            endUserName: null,
            connectors: null,
            tools: null,
            expiresAt: NOW,
            createdAt: NOW,
          },
        ];
        return { id, token: `pb_mt_${id}`, url: 'https://plugboard.test/v1/mcp', expiresAt: NOW };
      }),
    revoke: (id) =>
      answer('mcpTokens.revoke', [id], () => {
        state.mcpTokens = state.mcpTokens.filter((token) => token.id !== id);
      }),
  };
}

/** A session client that shows the given cards and records the connections made. */
export function fakeSession(cards: ConnectorCard[]) {
  const created: ConnectionCreate[] = [];
  const session: SessionClient = {
    connectors: { list: async () => structuredClone(cards) },
    connections: {
      create: async (body): Promise<Connection> => {
        created.push(body);
        const { maskedCredentials: _masked, ...connection } = adminConnection({ id: `cxn_${created.length + 1}` });
        return { ...connection, connectorId: body.connector };
      },
    },
  };
  return { session, created };
}

/** Services for a page: the fake console, and one fake session whatever token it is asked for. */
export function services(fake = fakeConsole(), cards?: ConnectorCard[]) {
  const { session, created } = fakeSession(cards ?? fake.state.connectors.map((item) => cardOf(item)));
  const tokens: string[] = [];
  const value: ConsoleServices = {
    client: fake.client,
    sessionFor: (token) => {
      tokens.push(token);
      return session;
    },
  };
  return { services: value, fake, created, tokens };
}
