import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { BASE, received, SECRET_KEY, useMockApi } from '../test/mock-api.js';
import { PlugboardAdmin } from './plugboard-admin.js';

useMockApi();

const admin = () => new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY });

describe('connectLinks', () => {
  it('creates a link with the secret key and returns its URL', async () => {
    const link = await admin().connectLinks.create({
      tenantId: 'acme',
      endUserId: 'ada',
      connectors: ['github'],
      returnUrl: 'https://app.example.com/settings',
    });
    expect(link).toEqual({ id: 'cl_1', url: `${BASE}/connect#pb_cl_test`, expiresAt: '2026-01-08T00:00:00.000Z' });
    expect(received.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/connect-links',
      bearer: true,
      body: { tenantId: 'acme', connectors: ['github'] },
    });
  });

  it('lists and revokes links', async () => {
    expect((await admin().connectLinks.list({ limit: 10 })).data).toEqual([{ id: 'cl_1' }]);
    expect(received.at(-1)).toMatchObject({ method: 'GET', path: '/v1/connect-links', search: '?limit=10' });
    await admin().connectLinks.revoke('cl_1');
    expect(received.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/connect-links/cl_1' });
  });

  it('throws a ValidationError for a body the schema refuses', async () => {
    const bad = admin().connectLinks.create({ tenantId: 'acme', endUserId: 'ada', ttlSeconds: 1 });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
  });
});
