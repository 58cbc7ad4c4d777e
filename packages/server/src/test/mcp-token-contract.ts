// The store contract's part for MCP tokens.
import { expect, it } from 'vitest';
import type { McpTokenRecord } from '../storage/store.js';
import type { StoreFactory } from './store-contract.js';
import { at, seed } from './store-fixtures.js';

const token = (organizationId: string, id: string, overrides: Partial<McpTokenRecord> = {}): McpTokenRecord => ({
  ...{ id, organizationId, tenantId: 't1', endUserId: 'u1', endUserName: null, tokenHash: `hash-${id}` },
  ...{ prefix: 'pb_mt_ab', connectorIds: null, tools: null, expiresAt: '2026-01-02T00:00:00.000Z', createdAt: at },
  ...overrides,
});

/** Runs the MCP token part of the contract. */
export function describeMcpTokenContract(factory: StoreFactory) {
  it('keeps MCP tokens by hash with their restrictions, and lists only unexpired ones of one organization', async () => {
    const { store } = await factory.open();
    await seed(store, 'org_a');
    await seed(store, 'org_b');
    const restricted = token('org_a', 'mt_1', { connectorIds: ['ctr_x'], tools: ['x_list'], endUserName: 'Ann' });
    await store.createMcpToken(restricted);
    await store.createMcpToken(token('org_a', 'mt_old', { expiresAt: '2025-12-31T00:00:00.000Z' }));
    await store.createMcpToken(token('org_b', 'mt_b'));
    expect(await store.findMcpTokenByHash('hash-mt_1')).toEqual(restricted);
    expect(await store.findMcpTokenByHash('hash-mt_old')).toMatchObject({ id: 'mt_old' });
    expect(await store.findMcpTokenByHash('mt_1')).toBeUndefined();
    expect((await store.listMcpTokens('org_a', at)).map((record) => record.id)).toEqual(['mt_1']);
    await expect(store.createMcpToken(token('org_a', 'mt_2', { tokenHash: 'hash-mt_1' }))).rejects.toThrow();
    await store.close();
  });

  it('revokes an MCP token of its own organization only, and it is gone at once', async () => {
    const { store } = await factory.open();
    await seed(store, 'org_a');
    await seed(store, 'org_b');
    await store.createMcpToken(token('org_a', 'mt_1'));
    expect(await store.revokeMcpToken('org_b', 'mt_1')).toBe(false);
    expect(await store.findMcpTokenByHash('hash-mt_1')).toBeDefined();
    expect(await store.revokeMcpToken('org_a', 'mt_1')).toBe(true);
    expect(await store.findMcpTokenByHash('hash-mt_1')).toBeUndefined();
    expect(await store.revokeMcpToken('org_a', 'mt_1')).toBe(false);
    await store.close();
  });
}
