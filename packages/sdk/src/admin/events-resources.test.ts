import { describe, expect, it } from 'vitest';
import { PlugboardConsole } from '../console/plugboard-console.js';
import {
  BASE,
  CONSOLE_SIGN_IN,
  CSRF_TOKEN,
  cookieJarFetch,
  received,
  SECRET_KEY,
  useMockApi,
} from '../test/mock-api.js';
import { PlugboardAdmin } from './plugboard-admin.js';

useMockApi();

const last = () => received.at(-1);
type Client = PlugboardAdmin | PlugboardConsole;

const calls: Array<[string, (client: Client) => Promise<unknown>, string, string]> = [
  ['webhookEndpoints.list', (c) => c.webhookEndpoints.list(), 'GET', '/v1/webhook-endpoints'],
  [
    'webhookEndpoints.create',
    (c) => c.webhookEndpoints.create({ url: 'https://api.vendor.example/hooks', events: ['connection.created'] }),
    'POST',
    '/v1/webhook-endpoints',
  ],
  ['webhookEndpoints.delete', (c) => c.webhookEndpoints.delete('whe_1'), 'DELETE', '/v1/webhook-endpoints/whe_1'],
  ['deliveries.list', (c) => c.deliveries.list({ status: 'failed' }), 'GET', '/v1/deliveries'],
  ['deliveries.resend', (c) => c.deliveries.resend('dlv_1'), 'POST', '/v1/deliveries/dlv_1/resend'],
  ['connections.inbound', (c) => c.connections.inbound('cxn_1'), 'POST', '/v1/connections/cxn_1/inbound'],
];

describe('event resources', () => {
  it.each(calls)('%s calls the API with the secret key', async (_name, call, method, path) => {
    await call(new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY }));
    expect(last()).toMatchObject({ method, path, bearer: true });
  });

  it.each(calls)('%s calls the API with the console cookie, and CSRF on writes', async (_name, call, method, path) => {
    const client = new PlugboardConsole({ baseUrl: BASE, fetch: cookieJarFetch() });
    await client.signIn(CONSOLE_SIGN_IN);
    await call(client);
    expect(last()).toMatchObject({ method, path, bearer: false, csrf: method === 'GET' ? null : CSRF_TOKEN });
  });

  it('returns the signing secret of a new endpoint and filters deliveries by query', async () => {
    const admin = new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY });
    const created = await admin.webhookEndpoints.create({ url: 'https://api.vendor.example/hooks' });
    expect(created.signingSecret).toBe('whsec_new');
    await admin.deliveries.list({ endpointId: 'whe_1', status: 'pending' });
    expect(last()?.search).toBe('?endpointId=whe_1&status=pending');
    expect(await admin.connections.inbound('cxn_1')).toEqual({
      url: `${BASE}/v1/inbound/pbin_cxn_1`,
      secret: 'inbound-secret',
    });
  });
});
