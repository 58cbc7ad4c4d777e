import { describe, expect, it } from 'vitest';
import { BASE, received, SECRET_KEY, useMockApi } from '../test/mock-api.js';
import { PlugboardAdmin } from './plugboard-admin.js';

useMockApi();

describe('mcpTokens', () => {
  const admin = new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY });

  it('mints a token with the secret key and returns it with the MCP URL', async () => {
    const created = await admin.mcpTokens.create({ tenantId: 'acme', endUserId: 'u1', connectors: ['acme-crm'] });
    expect(created).toMatchObject({ token: 'pb_mt_test_token', url: `${BASE}/v1/mcp` });
    expect(received.at(-1)).toMatchObject({ method: 'POST', path: '/v1/mcp-tokens', bearer: true });
    expect(received.at(-1)?.body).toEqual({ tenantId: 'acme', endUserId: 'u1', connectors: ['acme-crm'] });
  });

  it('lists and revokes tokens', async () => {
    expect((await admin.mcpTokens.list()).data[0]?.id).toBe('mt_1');
    await admin.mcpTokens.revoke('mt_1');
    expect(received.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/mcp-tokens/mt_1' });
  });

  it('refuses a lifetime over 30 days with a validation error before minting', async () => {
    await expect(
      admin.mcpTokens.create({ tenantId: 'acme', endUserId: 'u1', ttlSeconds: 31 * 86_400 }),
    ).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
  });
});
