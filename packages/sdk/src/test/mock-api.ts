// An msw stand-in for the Plugboard API: it checks the credential on every request the way the
// real server does, validates bodies with the same schemas, and records what it received.
import {
  apiKeyCreateSchema,
  connectionCreateSchema,
  connectorCreateSchema,
  connectorUpdateSchema,
  connectSessionCreateSchema,
  memberCreateSchema,
  oauthAppCreateSchema,
  oauthAppUpdateSchema,
  oauthFlowCreateSchema,
  organizationUpdateSchema,
} from '@plugboard/shared';
import { HttpResponse, http } from 'msw';
import type { z } from 'zod';

export const BASE = 'https://plugboard.test';
export const SECRET_KEY = 'pb_sk_test_secret';
export const TOKEN = 'pb_cs_test_token';

export interface Received {
  method: string;
  path: string;
  search: string;
  body: unknown;
}

export const received: Received[] = [];

const error = (status: number, code: string, message: string, details?: object) =>
  HttpResponse.json({ error: { code, message, ...(details ? { details } : {}) } }, { status });

type Handler = (input: { body: unknown; params: Record<string, string> }) => unknown;

function route(
  method: 'get' | 'post' | 'patch' | 'delete',
  path: string,
  credential: string,
  schema: z.ZodType | null,
  reply: Handler,
) {
  return http[method](`${BASE}/v1${path}`, async ({ request, params }) => {
    const url = new URL(request.url);
    const body = schema ? await request.json() : undefined;
    received.push({ method: request.method, path: url.pathname, search: url.search, body });
    if (request.headers.get('authorization') !== `Bearer ${credential}`) {
      return error(401, 'unauthenticated', 'The credential is not valid');
    }
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
const echo: Handler = ({ body, params }) => ({ ...params, ...(body as object) });

export const adminHandlers = [
  route('get', '/organization', SECRET_KEY, null, () => ({ id: 'org_1', name: 'Acme', allowedOrigins: [] })),
  route('patch', '/organization', SECRET_KEY, organizationUpdateSchema, echo),
  route('get', '/members', SECRET_KEY, null, () => page([{ id: 'usr_1' }])),
  route('post', '/members', SECRET_KEY, memberCreateSchema, echo),
  route('get', '/api-keys', SECRET_KEY, null, () => page([{ id: 'key_1' }])),
  route('post', '/api-keys', SECRET_KEY, apiKeyCreateSchema, ({ body }) => ({
    ...(body as object),
    secret: 'pb_sk_new',
  })),
  route('delete', '/api-keys/:id', SECRET_KEY, null, () => undefined),
  route('get', '/connectors', SECRET_KEY, null, () => page([{ id: 'ctr_1' }])),
  route('post', '/connectors', SECRET_KEY, connectorCreateSchema, echo),
  route('get', '/connectors/:idOrSlug', SECRET_KEY, null, ({ params }) => ({ id: params.idOrSlug })),
  route('patch', '/connectors/:idOrSlug', SECRET_KEY, connectorUpdateSchema, echo),
  route('delete', '/connectors/:idOrSlug', SECRET_KEY, null, () => undefined),
  route('get', '/connections', SECRET_KEY, null, () => page([{ id: 'cxn_1' }])),
  route('get', '/connections/:id', SECRET_KEY, null, ({ params }) => ({ id: params.id })),
  route('get', '/connections/:id/credentials', SECRET_KEY, null, ({ params }) => ({ connectionId: params.id })),
  route('delete', '/connections/:id', SECRET_KEY, null, () => undefined),
  route('get', '/tenants', SECRET_KEY, null, () => page([{ id: 'acme' }])),
  route('get', '/oauth-apps', SECRET_KEY, null, () => page([{ id: 'app_1' }])),
  route('post', '/oauth-apps', SECRET_KEY, oauthAppCreateSchema, echo),
  route('patch', '/oauth-apps/:id', SECRET_KEY, oauthAppUpdateSchema, echo),
  route('delete', '/oauth-apps/:id', SECRET_KEY, null, () => undefined),
  route('post', '/connect-sessions', SECRET_KEY, connectSessionCreateSchema, () => ({ id: 'cs_1', token: TOKEN })),
];

export const sessionHandlers = (token = TOKEN) => [
  route('get', '/session', token, null, () => ({ tenantId: 'acme' })),
  route('get', '/session/connectors', token, null, () => ({ data: [{ id: 'ctr_1', slug: 'stripe' }] })),
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
