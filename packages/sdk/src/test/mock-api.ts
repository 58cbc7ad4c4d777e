// An msw stand-in for the Plugboard API: it checks the credential on every request the way the
// real server does, validates bodies with the same schemas, and records what it received.
import {
  actionRunSchema,
  actionTestRunSchema,
  agentCreateSchema,
  agentReviewSchema,
  agentRunCreateSchema,
  apiKeyCreateSchema,
  connectionCreateSchema,
  connectLinkCreateSchema,
  connectorCreateSchema,
  connectorUpdateSchema,
  connectSessionCreateSchema,
  consoleSignInSchema,
  consoleTestSessionSchema,
  mcpTokenCreateSchema,
  memberCreateSchema,
  oauthAppCreateSchema,
  oauthAppUpdateSchema,
  oauthFlowCreateSchema,
  organizationUpdateSchema,
  proxyRequestSchema,
  webhookEndpointCreateSchema,
} from '@plugboard/shared';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { z } from 'zod';

export const BASE = 'https://plugboard.test';
export const SECRET_KEY = 'pb_sk_test_secret';
export const TOKEN = 'pb_cs_test_token';
/** The console member's sign-in, the cookie the mock sets for it, and the session's CSRF token. */
export const CONSOLE_SIGN_IN = { email: 'ada@acme.example', password: 'correct horse battery' };
export const CSRF_TOKEN = 'csrf-test-token';

// Console sessions the mock signed in and not out. msw keeps cookies of mocked responses in a store of its
// own and sends them along too, so the mock trusts a cookie only while its session is open.
const consoleSessions = new Set<string>();
let issued = 0;

/** Ends every console session of the mock; call it between tests. */
export function resetConsoleSessions() {
  consoleSessions.clear();
}

/** The open console session a request's cookie names, if the request was sent with `credentials: 'include'`. */
function consoleSession(request: Request): string | undefined {
  if (request.credentials !== 'include') return undefined;
  const values = (request.headers.get('cookie') ?? '')
    .split(/;\s*/)
    .filter((pair) => pair.startsWith('plugboard_console='))
    .map((pair) => pair.slice('plugboard_console='.length));
  return values.find((value) => consoleSessions.has(value));
}

export interface Received {
  method: string;
  path: string;
  search: string;
  body: unknown;
  /** The CSRF header as sent, or null. */
  csrf: string | null;
  /** Whether an Authorization header was sent. */
  bearer: boolean;
}

export const received: Received[] = [];

const error = (status: number, code: string, message: string, details?: object) =>
  HttpResponse.json({ error: { code, message, ...(details ? { details } : {}) } }, { status });

type Handler = (input: { body: unknown; params: Record<string, string> }) => unknown;
/** Checks a request's credential as the server does: undefined when it may pass, else the error response. */
type Check = (request: Request) => Response | undefined;

const bearer =
  (credential: string): Check =>
  (request) =>
    request.headers.get('authorization') === `Bearer ${credential}`
      ? undefined
      : error(401, 'unauthenticated', 'The credential is not valid');

/** The console cookie, with the CSRF token on writes. */
const consoleCookie: Check = (request) => {
  if (!consoleSession(request)) return error(401, 'unauthenticated', 'Sign in first');
  if (request.method !== 'GET' && request.headers.get('x-plugboard-csrf') !== CSRF_TOKEN) {
    return error(403, 'csrf_failed', 'Send the CSRF token');
  }
  return undefined;
};

/** Admin routes take the secret key or the console cookie. */
const adminOrConsole: Check = (request) =>
  request.headers.has('authorization') ? bearer(SECRET_KEY)(request) : consoleCookie(request);

/** Routes that hand out secrets: the secret key only; the console cookie gets 403. */
const secretKeyOnly: Check = (request) =>
  request.headers.has('authorization')
    ? bearer(SECRET_KEY)(request)
    : (consoleCookie(request) ?? error(403, 'forbidden', 'Only a secret key may do this'));

function route(
  method: 'get' | 'post' | 'patch' | 'delete',
  path: string,
  credential: string | Check,
  schema: z.ZodType | null,
  reply: Handler,
) {
  const check = typeof credential === 'string' ? bearer(credential) : credential;
  return http[method](`${BASE}/v1${path}`, async ({ request, params }) => {
    const url = new URL(request.url);
    const body = schema ? await request.json() : undefined;
    received.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      body,
      csrf: request.headers.get('x-plugboard-csrf'),
      bearer: request.headers.has('authorization'),
    });
    const refused = check(request);
    if (refused) return refused;
    if (schema) {
      const result = schema.safeParse(body);
      if (!result.success) return error(400, 'validation_failed', 'Invalid body', { issues: result.error.issues });
    }
    const result = reply({ body, params: params as Record<string, string> });
    if (result === undefined) return new HttpResponse(null, { status: 204 });
    return HttpResponse.json(result, { status: method === 'post' ? 201 : 200 });
  });
}

const page = (data: unknown[]) => ({ data, nextCursor: null });

/** An agent run as the mock returns it, with overrides. */
export const agentRun = (overrides: Record<string, unknown> = {}) => ({
  id: 'agr_1',
  prompt: 'HubSpot CRM',
  status: 'awaiting_review',
  step: 'review',
  source: { kind: 'catalog', provider: 'hubspot' },
  draft: null,
  groups: [],
  tests: [],
  fixes: [],
  warnings: [],
  connectorId: null,
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** The log the mock's event stream replays. */
export const agentLog = [1, 2, 3].map((seq) => ({
  seq,
  at: '2026-01-01T00:00:00.000Z',
  step: 'understand',
  kind: 'info',
  message: `line ${seq}`,
}));
const actionResult = (sent: unknown) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: { sent },
  durationMs: 12,
  request: { method: 'GET', url: 'https://api.acme.example/me', headers: { authorization: '••••abcd' } },
});
const echo: Handler = ({ body, params }) => ({ ...params, ...(body as object) });

const admin = adminOrConsole;
const account = {
  member: { id: 'usr_ada', email: CONSOLE_SIGN_IN.email, name: 'Ada Admin' },
  organization: { id: 'org_1', name: 'Acme' },
  csrfToken: CSRF_TOKEN,
};

export const adminHandlers = [
  route('get', '/organization', admin, null, () => ({ id: 'org_1', name: 'Acme', allowedOrigins: [] })),
  route('patch', '/organization', admin, organizationUpdateSchema, echo),
  route('get', '/members', admin, null, () => page([{ id: 'usr_1' }])),
  route('post', '/members', admin, memberCreateSchema, echo),
  route('get', '/api-keys', admin, null, () => page([{ id: 'key_1' }])),
  route('post', '/api-keys', secretKeyOnly, apiKeyCreateSchema, ({ body }) => ({
    ...(body as object),
    secret: 'pb_sk_new',
  })),
  route('delete', '/api-keys/:id', admin, null, () => undefined),
  route('get', '/connectors', admin, null, () => page([{ id: 'ctr_1' }])),
  route('post', '/connectors', admin, connectorCreateSchema, echo),
  route('get', '/connectors/:idOrSlug', admin, null, ({ params }) => ({ id: params.idOrSlug })),
  route('patch', '/connectors/:idOrSlug', admin, connectorUpdateSchema, echo),
  route('delete', '/connectors/:idOrSlug', admin, null, () => undefined),
  route('get', '/connections', admin, null, () => page([{ id: 'cxn_1' }])),
  route('get', '/connections/:id', admin, null, ({ params }) => ({ id: params.id })),
  route('get', '/connections/:id/credentials', secretKeyOnly, null, ({ params }) => ({ connectionId: params.id })),
  route('delete', '/connections/:id', admin, null, () => undefined),
  route('post', '/connections/:id/test', admin, null, () => ({
    result: 'passed',
    message: 'Plugboard holds a valid access token for this connection',
    status: 'active',
    checkedAt: '2026-01-01T00:00:00.000Z',
  })),
  route('post', '/actions/run', admin, actionRunSchema, ({ body }) => actionResult(body)),
  route('post', '/proxy', admin, proxyRequestSchema, ({ body }) => actionResult(body)),
  route('get', '/connectors/:idOrSlug/actions', admin, null, () => ({
    data: [{ key: 'me', name: 'Me', description: '', method: 'GET', path: '/me', input: {}, lastTest: null }],
  })),
  route('post', '/connectors/:idOrSlug/actions/:key/test', admin, actionTestRunSchema, ({ body }) => ({
    passed: true,
    status: 200,
    at: '2026-01-01T00:00:00.000Z',
    latencyMs: 12,
    result: actionResult(body),
  })),
  route('get', '/tenants', admin, null, () => page([{ id: 'acme' }])),
  route('get', '/oauth-apps', admin, null, () => page([{ id: 'app_1' }])),
  route('post', '/oauth-apps', admin, oauthAppCreateSchema, echo),
  route('patch', '/oauth-apps/:id', admin, oauthAppUpdateSchema, echo),
  route('delete', '/oauth-apps/:id', admin, null, () => undefined),
  route('post', '/connect-sessions', admin, connectSessionCreateSchema, () => ({ id: 'cs_1', token: TOKEN })),
  route('post', '/connect-links', secretKeyOnly, connectLinkCreateSchema, () => ({
    id: 'cl_1',
    url: `${BASE}/connect#pb_cl_test`,
    expiresAt: '2026-01-08T00:00:00.000Z',
  })),
  route('get', '/connect-links', admin, null, () => page([{ id: 'cl_1' }])),
  route('delete', '/connect-links/:id', admin, null, () => undefined),
  route('post', '/mcp-tokens', secretKeyOnly, mcpTokenCreateSchema, () => ({
    id: 'mt_1',
    token: 'pb_mt_test_token',
    url: `${BASE}/v1/mcp`,
    expiresAt: '2026-01-02T00:00:00.000Z',
  })),
  route('get', '/mcp-tokens', admin, null, () => ({ data: [{ id: 'mt_1', prefix: 'pb_mt_test' }] })),
  route('delete', '/mcp-tokens/:id', admin, null, () => undefined),
  route('get', '/logs', admin, null, () => ({
    data: [
      { id: 'log_2', kind: 'proxy' },
      { id: 'log_1', kind: 'action' },
    ],
    nextCursor: null,
  })),
  route('get', '/webhook-endpoints', admin, null, () => page([{ id: 'whe_1' }])),
  route('post', '/webhook-endpoints', admin, webhookEndpointCreateSchema, ({ body }) => ({
    id: 'whe_1',
    ...(body as object),
    signingSecret: 'whsec_new',
  })),
  route('delete', '/webhook-endpoints/:id', admin, null, () => undefined),
  route('get', '/deliveries', admin, null, () => page([{ id: 'dlv_1', status: 'failed' }])),
  route('post', '/deliveries/:id/resend', admin, null, () => ({ id: 'dlv_2', status: 'pending', attempts: 0 })),
  route('post', '/connections/:id/inbound', admin, null, ({ params }) => ({
    url: `${BASE}/v1/inbound/pbin_${params.id}`,
    secret: 'inbound-secret',
  })),
  route('post', '/agent/runs', admin, agentRunCreateSchema, ({ body }) =>
    agentRun({ prompt: (body as { prompt: string }).prompt }),
  ),
  route('get', '/agent/runs', admin, null, () => page([agentRun({ status: 'cancelled' })])),
  route('get', '/agent/limits', admin, null, () => ({
    maxSpecBytes: 52_428_800,
    maxBuildsPerOrganization: 2,
    maxActions: 2000,
    maxEvents: 500,
  })),
  route('get', '/agent/runs/:id', admin, null, ({ params }) => agentRun({ id: params.id })),
  route('post', '/agent/runs/:id/review', admin, agentReviewSchema, ({ params }) => agentRun({ id: params.id })),
  route('post', '/agent/runs/:id/cancel', admin, null, ({ params }) =>
    agentRun({ id: params.id, status: 'cancelled' }),
  ),
  route('post', '/agent/runs/:id/create', admin, agentCreateSchema, ({ body }) => ({
    id: 'ctr_9',
    ...(body as object),
  })),
  http.get(`${BASE}/v1/agent/runs/:id/events`, ({ request, params }) => {
    const url = new URL(request.url);
    received.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      body: undefined,
      csrf: request.headers.get('x-plugboard-csrf'),
      bearer: request.headers.has('authorization'),
    });
    const refused = admin(request);
    if (refused) return refused;
    const after = Number(request.headers.get('last-event-id') ?? 0);
    const frames = [
      ...agentLog
        .filter((entry) => entry.seq > after)
        .map((entry) => `id: ${entry.seq}\nevent: log\ndata: ${JSON.stringify(entry)}\n\n`),
      ': ping\n\n',
      `event: run\ndata: ${JSON.stringify(agentRun({ id: String(params.id), status: 'ready' }))}\n\n`,
    ];
    const encoder = new TextEncoder();
    // Sent in pieces that split frames, as a network would.
    const text = frames.join('');
    const chunks = [text.slice(0, 7), text.slice(7, 60), text.slice(60)];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
  }),
];

/** The console's own routes: sign-in sets the cookie; the others take it. */
export const consoleHandlers = [
  http.post(`${BASE}/v1/console/sign-in`, async ({ request }) => {
    const body = consoleSignInSchema.safeParse(await request.json());
    received.push({
      method: 'POST',
      path: '/v1/console/sign-in',
      search: '',
      body: body.data,
      csrf: request.headers.get('x-plugboard-csrf'),
      bearer: request.headers.has('authorization'),
    });
    const { email, password } = body.data ?? {};
    if (email !== CONSOLE_SIGN_IN.email || password !== CONSOLE_SIGN_IN.password) {
      return error(401, 'invalid_credentials', 'Email or password is wrong');
    }
    const token = `pb_cn_test_${++issued}`;
    consoleSessions.add(token);
    return HttpResponse.json(account, {
      headers: { 'set-cookie': `plugboard_console=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200` },
    });
  }),
  http.get(`${BASE}/v1/console/me`, ({ request }) => consoleCookie(request) ?? HttpResponse.json(account)),
  http.post(`${BASE}/v1/console/sign-out`, ({ request }) => {
    const refused = consoleCookie(request);
    if (refused) return refused;
    consoleSessions.delete(consoleSession(request) as string);
    return new HttpResponse(null, { status: 204, headers: { 'set-cookie': 'plugboard_console=; Path=/; Max-Age=0' } });
  }),
  route('post', '/console/test-session', consoleCookie, consoleTestSessionSchema, ({ body }) => ({
    id: 'cs_2',
    token: TOKEN,
    tenantId: (body as { tenantId?: string }).tenantId ?? 'console-test-usr_ada',
  })),
];

/**
 * A `fetch` with the one cookie a browser would keep for the API: it stores what `Set-Cookie` says and sends it
 * back only on requests made with `credentials: 'include'`, as a browser does for another origin.
 */
export function cookieJarFetch(): typeof fetch {
  let jar: string | undefined;
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.credentials === 'include' && jar) request.headers.set('cookie', jar);
    const response = await fetch(request);
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (cookie !== undefined) jar = cookie.endsWith('=') ? undefined : cookie;
    return response;
  };
}

export const sessionHandlers = (token = TOKEN) => [
  route('get', '/session', token, null, () => ({ tenantId: 'acme' })),
  route('get', '/session/connectors', token, null, () => ({ data: [{ id: 'ctr_1', slug: 'stripe' }] })),
  route('get', '/session/bootstrap', token, null, () => ({
    session: { tenantId: 'acme' },
    connectors: [{ id: 'ctr_1', slug: 'stripe' }],
  })),
  route('get', '/session/connections', token, null, () => ({ data: [{ id: 'cxn_1' }] })),
  route('post', '/session/connections', token, connectionCreateSchema, () => ({ id: 'cxn_2' })),
  route('delete', '/session/connections/:id', token, null, () => undefined),
  route('post', '/session/oauth/flows', token, oauthFlowCreateSchema, () => ({
    id: 'flw_1',
    authorizationUrl: 'https://p/a',
  })),
  route('get', '/session/oauth/flows/:id', token, null, ({ params }) => ({ id: params.id, status: 'pending' })),
];

export { error as errorResponse };

/**
 * Starts the admin and console mock API for the calling test file: requests nothing handles fail the test, and
 * the received log and console sessions are cleared after each test.
 */
export function useMockApi(): void {
  const server = setupServer(...consoleHandlers, ...adminHandlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    received.length = 0;
    resetConsoleSessions();
  });
  afterAll(() => server.close());
}
