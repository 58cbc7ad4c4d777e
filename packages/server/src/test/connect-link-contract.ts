// The store contract's part for connect links.
import { expect, it } from 'vitest';
import type { ConnectLinkRecord } from '../storage/store.js';
import type { StoreFactory } from './store-contract.js';
import { at, seed } from './store-fixtures.js';

const link = (organizationId: string, id: string, overrides: Partial<ConnectLinkRecord> = {}): ConnectLinkRecord => ({
  ...{ id, organizationId, tenantId: 't1', endUserId: 'u1', endUserName: null, tokenHash: `hash-${id}` },
  ...{ connectors: null, returnUrl: null, opens: 0, expiresAt: '2026-01-08T00:00:00.000Z', revokedAt: null },
  createdAt: at,
  ...overrides,
});

/** Connect links: kept, listed per organization, revoked once, opened within their budget. */
export function describeConnectLinkContract(factory: StoreFactory) {
  it('keeps connect links per organization, newest first, paged by id', async () => {
    const { store } = await factory.open();
    await seed(store, 'org_a');
    await seed(store, 'org_b');
    await store.createConnectLink(
      link('org_a', 'cl_1', { connectors: ['ctr_x'], returnUrl: 'https://a.example/done' }),
    );
    await store.createConnectLink(link('org_a', 'cl_2', { endUserName: 'Ada' }));
    await store.createConnectLink(link('org_b', 'cl_3'));
    const all = await store.listConnectLinks('org_a', { limit: 10 });
    expect(all.map((record) => record.id)).toEqual(['cl_2', 'cl_1']);
    expect(all[1]).toEqual(link('org_a', 'cl_1', { connectors: ['ctr_x'], returnUrl: 'https://a.example/done' }));
    expect((await store.listConnectLinks('org_a', { limit: 10, cursor: 'cl_2' })).map((r) => r.id)).toEqual(['cl_1']);
    await store.close();
  });

  it("revokes a link once, and never another organization's", async () => {
    const { store } = await factory.open();
    await seed(store, 'org_a');
    await seed(store, 'org_b');
    await store.createConnectLink(link('org_a', 'cl_1'));
    expect(await store.revokeConnectLink('org_b', 'cl_1', at)).toBe(false);
    expect(await store.revokeConnectLink('org_a', 'cl_1', at)).toBe(true);
    expect(await store.revokeConnectLink('org_a', 'cl_1', at)).toBe(false);
    expect(await store.openConnectLink('hash-cl_1', at, 5)).toEqual({
      opened: false,
      link: link('org_a', 'cl_1', { revokedAt: at }),
    });
    await store.close();
  });

  it('opens a link only within its budget and lifetime, counting concurrent openers together', async () => {
    const { store } = await factory.open();
    await seed(store, 'org_a');
    await store.createConnectLink(link('org_a', 'cl_1'));
    const openings = await Promise.all(Array.from({ length: 5 }, () => store.openConnectLink('hash-cl_1', at, 3)));
    expect(openings.filter((opening) => opening.opened)).toHaveLength(3);
    // Which callers lose depends on how the engine orders them; each of them sees the spent budget.
    expect(openings.filter((opening) => !opening.opened).map((opening) => opening.link?.opens)).toEqual([3, 3]);
    await store.createConnectLink(link('org_a', 'cl_2'));
    expect(await store.openConnectLink('hash-cl_2', '2026-01-08T00:00:00.000Z', 3)).toMatchObject({
      opened: false,
      link: { opens: 0 },
    });
    expect(await store.openConnectLink('unknown', at, 3)).toEqual({ opened: false });
    await store.close();
  });
}
