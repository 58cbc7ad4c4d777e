import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { openStore } from '../storage/open-store.js';
import { createTestContext } from '../test/context.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const rateLimits = { sessionsPerOrganization: { burst: 3, perSecond: 0.5 } };
const body = { tenantId: 'tenant-a', endUserId: 'user-1' };

describe('connect session minting budget per organization', () => {
  it('answers 429 rate_limited with Retry-After past the burst, stores no session, and mints again later', async () => {
    const t = await createTestContext({ rateLimits });
    cleanups.push(t.close);
    const { secretKey: key } = await t.createOrganization();
    const mint = () => t.request('POST', '/v1/connect-sessions', { key, body });
    for (let i = 0; i < 3; i++) expect((await mint()).status).toBe(201);
    const refused = await mint();
    expect([refused.status, refused.json.error.code]).toEqual([429, 'rate_limited']);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.json.token).toBeUndefined();
    // Another organization has its own budget.
    const other = (await t.createOrganization('Other')).secretKey;
    expect((await t.request('POST', '/v1/connect-sessions', { key: other, body })).status).toBe(201);
    t.clock.offsetMs = 2000;
    expect((await mint()).status).toBe(201);
  });

  it('counts test sessions minted from the console against the same budget', async () => {
    const t = await createTestContext({ rateLimits });
    cleanups.push(t.close);
    const { secretKey: key, organization } = await t.createOrganization();
    await t.createConsoleMember(organization.id);
    const { console } = await t.signIn();
    for (let i = 0; i < 3; i++)
      expect((await t.request('POST', '/v1/connect-sessions', { key, body })).status).toBe(201);
    const test = await t.request('POST', '/v1/console/test-session', { console, body: {} });
    expect(test.status).toBe(429);
  });

  it('holds across two servers on one database: together they mint one burst', async () => {
    const t = await createTestContext({ rateLimits });
    cleanups.push(t.close);
    const { secretKey: key } = await t.createOrganization();
    const store = await openStore(t.databaseUrl);
    cleanups.push(() => store.close());
    const replica = createApp({ store, keyring: t.keyring, rateLimits, now: () => new Date() });
    const mintOn = (app: typeof replica) =>
      app.request('/v1/connect-sessions', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => mintOn(i % 2 ? replica : t.app)));
    expect(statuses.map((response) => response.status).sort()).toEqual([201, 201, 201, 429, 429, 429, 429, 429]);
  });
});
