import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { openEndpointSecret } from '../crypto/credential-cipher.js';
import { Keyring } from '../crypto/keyring.js';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';
import { startVendorEndpoint } from '../test/vendor-endpoint.js';
import { rotateKeys } from './key-rotation.js';

let t: TestContext;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('rotateKeys and events', () => {
  it('re-seals webhook endpoint secrets and inbound secrets, so the new key alone reads them', async () => {
    const endpoint = await startVendorEndpoint();
    t = await createTestContext({ egressAllowHosts: [endpoint.host] });
    closers.push(endpoint.close, t.close);
    const { secretKey: key, organization } = await t.createOrganization();
    await t.createConnector(key, {
      name: 'Acme CRM',
      authMethods: [{ kind: 'apiKey' }],
      events: [
        {
          key: 'contact.created',
          name: 'Contact created',
          delivery: { kind: 'webhook', signature: { header: 'X-Sig', algorithm: 'sha256', encoding: 'hex' } },
        },
      ],
    });
    const created = await t.request('POST', '/v1/session/connections', {
      key: await t.mintSession(key),
      headers: { origin: ORIGIN },
      body: { connector: 'acme-crm', credentials: { apiKey: 'acme-key' } },
    });
    const connectionId = created.json.id as string;
    const inbound = (await t.request('POST', `/v1/connections/${connectionId}/inbound`, { key })).json;
    const { id: endpointId, signingSecret } = (
      await t.request('POST', '/v1/webhook-endpoints', { key, body: { url: endpoint.url } })
    ).json;

    const fresh = Keyring.generate().current;
    const logger = { info() {}, warn() {}, error() {} };
    const result = await rotateKeys({
      store: t.store,
      keyring: new Keyring([fresh, ...t.keyring.keys]),
      logger,
      now: () => new Date(),
    });
    expect(result).toMatchObject({ webhookEndpointSecrets: 1, inboundSecrets: 1, failed: 0 });

    const newOnly = new Keyring([fresh]);
    const stored = await t.store.getWebhookEndpoint(endpointId);
    expect(stored?.secret.keyId).toBe(fresh.id);
    expect(openEndpointSecret(newOnly, organization.id, endpointId, stored?.secret ?? ({} as never))).toBe(
      signingSecret,
    );
    const app = createApp({ store: t.store, keyring: newOnly });
    const again = await app.request(`/v1/connections/${connectionId}/inbound`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(await again.json()).toEqual(inbound);
  });
});
