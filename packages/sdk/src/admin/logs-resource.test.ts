import { describe, expect, it } from 'vitest';
import { BASE, received, SECRET_KEY, useMockApi } from '../test/mock-api.js';
import { PlugboardAdmin } from './plugboard-admin.js';

useMockApi();

describe('logs', () => {
  const admin = new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY });

  it('lists call logs with the secret key, sending each filter given and none left out', async () => {
    const page = await admin.logs.list({ tenantId: 'customer-42', connector: 'acme-crm', status: '5xx', limit: 20 });
    expect(page.data.map((entry) => entry.id)).toEqual(['log_2', 'log_1']);
    expect(received.at(-1)).toMatchObject({ method: 'GET', path: '/v1/logs', bearer: true });
    const params = new URLSearchParams(received.at(-1)?.search);
    expect(Object.fromEntries(params)).toEqual({
      tenantId: 'customer-42',
      connector: 'acme-crm',
      status: '5xx',
      limit: '20',
    });
  });

  it('walks every page with listAll', async () => {
    const kinds: string[] = [];
    for await (const entry of admin.logs.listAll({ kind: 'proxy' })) kinds.push(entry.kind);
    expect(kinds).toEqual(['proxy', 'action']);
    expect(new URLSearchParams(received.at(-1)?.search).get('kind')).toBe('proxy');
  });
});
