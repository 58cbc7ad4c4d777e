// One behaviour suite for the store on every engine: the server project runs it on SQLite, server-pg on Postgres.
import { describe, expect, it } from 'vitest';
import type { ConnectorRecord, Store } from '../storage/store.js';
import { describeAgentRunContract } from './agent-run-contract.js';
import { describeCallLogContract } from './call-log-contract.js';
import { describeConcurrencyContract } from './concurrency-contract.js';
import { describeConnectLinkContract } from './connect-link-contract.js';
import { describeEventContract } from './event-contract.js';
import { describeMcpTokenContract } from './mcp-token-contract.js';
import { describeScaleContract } from './scale-contract.js';
import { at, connection, connector, sealed, seed } from './store-fixtures.js';
import { describeUpkeepContract } from './upkeep-contract.js';

/**
 * Opens a fresh, empty store; `reopen` opens the same database again (to check migrations are idempotent);
 * `url` names the database, for a handle in another process; `exec` runs SQL on it outside the store.
 */
export interface StoreFactory {
  open(): Promise<{ store: Store; reopen(): Promise<Store>; url: string; exec(sql: string): Promise<void> }>;
}

/** Runs the contract against one implementation. */
export function describeStoreContract(name: string, factory: StoreFactory) {
  describe(`${name} store contract`, () => {
    describeUpkeepContract(factory);
    describeConcurrencyContract(factory);
    describeEventContract(factory);
    describeAgentRunContract(factory);
    describeConnectLinkContract(factory);
    describeMcpTokenContract(factory);
    describeCallLogContract(factory);
    describeScaleContract(factory);
    it('keeps what it is given and survives reopening (migrations run once)', async () => {
      const { store, reopen } = await factory.open();
      const { organizationId } = await seed(store);
      await store.close();
      const again = await reopen();
      expect(await again.getOrganization(organizationId)).toEqual({
        id: organizationId,
        name: 'Org org_a',
        allowedOrigins: ['https://a.example'],
        createdAt: at,
      });
      await again.close();
    });

    it('finds keys and sessions by hash only', async () => {
      const { store } = await factory.open();
      const { organizationId } = await seed(store);
      await store.createApiKey({
        id: 'key_1',
        organizationId,
        name: 'k',
        prefix: 'pb_sk_ab',
        hash: 'h1',
        createdAt: at,
        lastUsedAt: null,
      });
      expect((await store.findApiKeyByHash('h1'))?.id).toBe('key_1');
      expect(await store.findApiKeyByHash('h2')).toBeUndefined();
      await store.createSession({
        id: 'cs_1',
        organizationId,
        tenantId: 't1',
        endUserId: 'u1',
        endUserName: null,
        tokenHash: 'th',
        allowedConnectors: ['ctr_x'],
        allowedOrigins: null,
        expiresAt: at,
        createdAt: at,
      });
      expect(await store.findSessionByHash('th')).toMatchObject({ allowedConnectors: ['ctr_x'], allowedOrigins: null });
      await store.close();
    });

    it('refuses a second connector with the same slug in one organization, not across organizations', async () => {
      const { store } = await factory.open();
      await seed(store, 'org_a');
      await seed(store, 'org_b');
      await store.createConnector(connector('org_a', 'ctr_one', { slug: 'same' }));
      await expect(store.createConnector(connector('org_a', 'ctr_two', { slug: 'same' }))).rejects.toThrow();
      await store.createConnector(connector('org_b', 'ctr_three', { slug: 'same' }));
      expect((await store.findConnectorBySlug('org_b', 'same'))?.id).toBe('ctr_three');
      await store.close();
    });

    it("keeps a connector's API base URL and actions through create and update", async () => {
      const { store } = await factory.open();
      await seed(store, 'org_a');
      const action = {
        key: 'me',
        name: 'Me',
        description: '',
        method: 'GET' as const,
        path: '/me',
        input: { type: 'object' as const, properties: {} },
        verify: true,
      };
      await store.createConnector(
        connector('org_a', 'ctr_act', { apiBaseUrl: 'https://api.acme.example/v1', actions: [action] }),
      );
      expect(await store.getConnector('ctr_act')).toMatchObject({
        apiBaseUrl: 'https://api.acme.example/v1',
        actions: [action],
      });
      const record = (await store.getConnector('ctr_act')) as ConnectorRecord;
      await store.updateConnector({ ...record, apiBaseUrl: null, actions: [] });
      expect(await store.getConnector('ctr_act')).toMatchObject({ apiBaseUrl: null, actions: [] });
      await store.close();
    });

    it('keeps one last test per organization and action, replacing the previous one', async () => {
      const { store } = await factory.open();
      await seed(store, 'org_a');
      await seed(store, 'org_b');
      await store.createConnector(connector('org_a', 'ctr_t', { visibility: 'public' }));
      const test = { connectorId: 'ctr_t', actionKey: 'me', passed: false, status: 401, latencyMs: 12.5, at };
      await store.putActionTest({ ...test, organizationId: 'org_a' });
      await store.putActionTest({ ...test, organizationId: 'org_a', passed: true, status: 200 });
      await store.putActionTest({ ...test, organizationId: 'org_b', actionKey: 'other' });
      expect(await store.listActionTests('org_a', 'ctr_t')).toEqual([
        { ...test, organizationId: 'org_a', passed: true, status: 200 },
      ]);
      expect((await store.listActionTests('org_b', 'ctr_t')).map((t) => t.actionKey)).toEqual(['other']);
      await store.close();
    });

    it('lists connectors by scope and pages by id', async () => {
      const { store } = await factory.open();
      await seed(store, 'org_a');
      await seed(store, 'org_b');
      await store.createConnector(connector('org_a', 'ctr_a1'));
      await store.createConnector(connector('org_a', 'ctr_a2', { visibility: 'public' }));
      await store.createConnector(connector('org_b', 'ctr_b1', { visibility: 'public' }));
      await store.createConnector(connector('org_b', 'ctr_b2'));
      const ids = async (scope: 'own' | 'public' | 'all') =>
        (await store.listConnectors('org_a', scope)).map((c) => c.id);
      expect(await ids('own')).toEqual(['ctr_a1', 'ctr_a2']);
      expect(await ids('public')).toEqual(['ctr_b1']);
      expect(await ids('all')).toEqual(['ctr_a1', 'ctr_a2', 'ctr_b1']);
      const page = await store.listConnectors('org_a', 'all', { limit: 1, cursor: 'ctr_a1' });
      expect(page.map((c) => c.id)).toEqual(['ctr_a2']);
      await store.close();
    });

    it('stores a connection with its credentials together, or neither', async () => {
      const { store } = await factory.open();
      const { organizationId } = await seed(store);
      await store.createConnector(connector(organizationId, 'ctr_a'));
      await store.createConnection(connection(organizationId, 'cxn_1', 'ctr_a'), sealed('cxn_1'));
      expect((await store.getCredentials('cxn_1'))?.ciphertext.toString()).toBe('opaque bytes');
      // The credential row's key already exists: the whole write must fail and leave no connection.
      await expect(
        store.createConnection(connection(organizationId, 'cxn_2', 'ctr_a'), sealed('cxn_1')),
      ).rejects.toThrow();
      expect(await store.getConnection('cxn_2')).toBeUndefined();
      await store.close();
    });

    it('filters and counts connections per tenant, and cascades deletes', async () => {
      const { store } = await factory.open();
      const { organizationId } = await seed(store);
      await store.createConnector(connector(organizationId, 'ctr_a'));
      await store.createConnector(connector(organizationId, 'ctr_b'));
      await store.createConnection(connection(organizationId, 'cxn_1', 'ctr_a', 't1'), sealed('cxn_1'));
      await store.createConnection(connection(organizationId, 'cxn_2', 'ctr_a', 't1'), sealed('cxn_2'));
      await store.createConnection(connection(organizationId, 'cxn_3', 'ctr_b', 't2'), sealed('cxn_3'));
      expect(Object.fromEntries(await store.countConnections(organizationId, 't1'))).toEqual({ ctr_a: 2 });
      const t2 = await store.listConnections({ organizationId, tenantId: 't2', limit: 10 });
      expect(t2.map((c) => c.id)).toEqual(['cxn_3']);
      expect(await store.deleteConnector('ctr_a')).toBe(2);
      expect(await store.getCredentials('cxn_1')).toBeUndefined();
      expect(await store.deleteConnection('cxn_3')).toBe(true);
      expect(await store.getCredentials('cxn_3')).toBeUndefined();
      expect(await store.deleteConnection('cxn_3')).toBe(false);
      await store.close();
    });

    it('records a tenant once and counts its connections', async () => {
      const { store } = await factory.open();
      const { organizationId } = await seed(store);
      await store.upsertTenant(organizationId, 'acme', at);
      await store.upsertTenant(organizationId, 'acme', '2027-01-01T00:00:00.000Z');
      const tenants = await store.listTenants(organizationId, { limit: 10 });
      expect(tenants).toEqual([{ organizationId, id: 'acme', connectionCount: 0, createdAt: at }]);
      await store.close();
    });

    it('gets the members of several organizations by id in one call, leaving out ids that name none', async () => {
      const { store } = await factory.open();
      const a = await seed(store, 'org_a');
      const b = await seed(store, 'org_b');
      const found = await store.getMembers([b.memberId, 'usr_nobody', a.memberId]);
      expect(found.map((member) => member.id).sort()).toEqual([a.memberId, b.memberId].sort());
      expect(found.find((member) => member.id === a.memberId)).toEqual(await store.getMember(a.memberId));
      expect(await store.getMembers([])).toEqual([]);
      await store.close();
    });

    it('keeps password hashes out of member records and finds logins by email in any case, across organizations', async () => {
      const { store } = await factory.open();
      const a = await seed(store, 'org_a');
      const b = await seed(store, 'org_b');
      expect(await store.findMemberLogins('o@org_a.example')).toEqual([]);
      expect(await store.setMemberPassword(a.memberId, 'scrypt$hash-a')).toBe(true);
      expect(await store.setMemberPassword('usr_nobody', 'scrypt$x')).toBe(false);
      const logins = await store.findMemberLogins('O@ORG_A.example');
      expect(logins).toEqual([{ member: await store.getMember(a.memberId), passwordHash: 'scrypt$hash-a' }]);
      expect(Object.keys((await store.getMember(a.memberId)) ?? {})).not.toContain('passwordHash');
      await store.createMember({
        id: 'usr_twin',
        organizationId: b.organizationId,
        email: 'o@org_a.example',
        name: 'Twin',
        externalId: null,
        createdAt: at,
      });
      await store.setMemberPassword('usr_twin', 'scrypt$hash-twin');
      expect((await store.findMemberLogins('o@org_a.example')).map((login) => login.member.id)).toEqual([
        a.memberId,
        'usr_twin',
      ]);
      await store.setMemberPassword(a.memberId, null);
      expect((await store.findMemberLogins('o@org_a.example')).map((login) => login.member.id)).toEqual(['usr_twin']);
      await store.close();
    });

    it('finds console sessions by hash only, and ends one or all of a member', async () => {
      const { store } = await factory.open();
      const { organizationId, memberId } = await seed(store);
      const session = (id: string, tokenHash: string) => ({
        id,
        organizationId,
        memberId,
        tokenHash,
        csrfToken: `csrf-${id}`,
        expiresAt: at,
        createdAt: at,
      });
      await store.createConsoleSession(session('cons_1', 'h1'));
      await store.createConsoleSession(session('cons_2', 'h2'));
      await store.createConsoleSession(session('cons_3', 'h3'));
      expect(await store.findConsoleSessionByHash('h1')).toEqual(session('cons_1', 'h1'));
      expect(await store.findConsoleSessionByHash('cons_1')).toBeUndefined();
      expect(await store.deleteConsoleSession('cons_1')).toBe(true);
      expect(await store.findConsoleSessionByHash('h1')).toBeUndefined();
      expect(await store.deleteConsoleSessionsOfMember(memberId)).toBe(2);
      expect(await store.findConsoleSessionByHash('h2')).toBeUndefined();
      await store.close();
    });

    it('keeps the member of a connect session, and null for sessions without one', async () => {
      const { store } = await factory.open();
      const { organizationId, memberId } = await seed(store);
      const base = {
        organizationId,
        tenantId: 't1',
        endUserId: 'u1',
        endUserName: null,
        allowedConnectors: null,
        allowedOrigins: null,
        expiresAt: at,
        createdAt: at,
      };
      await store.createSession({ ...base, id: 'cs_1', tokenHash: 'th1', memberId });
      await store.createSession({ ...base, id: 'cs_2', tokenHash: 'th2' });
      expect((await store.findSessionByHash('th1'))?.memberId).toBe(memberId);
      expect((await store.findSessionByHash('th2'))?.memberId).toBeNull();
      await store.close();
    });

    it('counts connections of every tenant of the organization when no tenant is given', async () => {
      const { store } = await factory.open();
      const { organizationId } = await seed(store);
      await seed(store, 'org_b');
      await store.createConnector(connector(organizationId, 'ctr_a', { visibility: 'public' }));
      await store.createConnection(connection(organizationId, 'cxn_1', 'ctr_a', 't1'), sealed('cxn_1'));
      await store.createConnection(connection(organizationId, 'cxn_2', 'ctr_a', 't2'), sealed('cxn_2'));
      await store.createConnection(connection('org_b', 'cxn_3', 'ctr_a', 't1'), sealed('cxn_3'));
      expect(Object.fromEntries(await store.countConnections(organizationId))).toEqual({ ctr_a: 2 });
      expect(Object.fromEntries(await store.countConnections('org_b'))).toEqual({ ctr_a: 1 });
      await store.close();
    });

    it('consumes a flow’s state once and keeps the first result of a finished flow', async () => {
      const { store } = await factory.open();
      const { organizationId } = await seed(store);
      await store.createConnector(connector(organizationId, 'ctr_a'));
      const flow = {
        ...{ id: 'flw_1', stateHash: 'sh1', organizationId, tenantId: 't1', endUserId: 'u1', connectorId: 'ctr_a' },
        ...{ authMethodId: 'am_1', codeVerifier: 'v', redirectUri: 'https://p.example/cb', returnOrigin: null },
        ...({ label: null, status: 'pending', connectionId: null, errorCode: null, errorMessage: null } as const),
        ...{ expiresAt: at, createdAt: at, consumedAt: null },
      };
      await store.createOAuthFlow(flow);
      expect((await store.consumeOAuthFlow('sh1', at))?.id).toBe('flw_1');
      expect(await store.consumeOAuthFlow('sh1', at)).toBeUndefined();
      await store.finishOAuthFlow('flw_1', { status: 'connected', connectionId: 'cxn_1' });
      await store.finishOAuthFlow('flw_1', { status: 'failed', errorCode: 'invalid_state', errorMessage: 'x' });
      expect(await store.getOAuthFlow('flw_1')).toMatchObject({
        status: 'connected',
        connectionId: 'cxn_1',
        errorCode: null,
      });
      await store.close();
    });

    it('lists sealed records not under a key, by kind and in pages, and replaces one only while it is unchanged', async () => {
      const { store } = await factory.open();
      const { organizationId } = await seed(store);
      await store.createConnector(connector(organizationId, 'ctr_a'));
      for (const id of ['cxn_1', 'cxn_2', 'cxn_3']) {
        await store.createConnection(connection(organizationId, id, 'ctr_a'), sealed(id));
      }
      await store.putConnectorSecret({ connectorId: 'ctr_a', authMethodId: 'am_1', ...sealed('x') });
      await store.putOAuthApp({
        id: 'app_1',
        organizationId,
        provider: 'acme',
        clientId: 'c',
        defaultScopes: [],
        clientSecret: { keyId: 'k1', nonce: Buffer.alloc(12, 1), ciphertext: Buffer.from('app') },
        createdAt: at,
        updatedAt: at,
      });

      const first = await store.listSealedNotUnder('credentials', 'k2', { limit: 2 });
      expect(first.map((record) => record.id)).toEqual(['cxn_1', 'cxn_2']);
      expect(first[0]).toMatchObject({
        kind: 'credentials',
        organizationId,
        tenantId: 't1',
        connectionId: 'cxn_1',
        sealed: { keyId: 'k1' },
      });
      const rest = await store.listSealedNotUnder('credentials', 'k2', { limit: 2, cursor: 'cxn_2' });
      expect(rest.map((record) => record.id)).toEqual(['cxn_3']);
      expect(await store.listSealedNotUnder('credentials', 'k1', { limit: 10 })).toEqual([]);
      const [secret] = await store.listSealedNotUnder('connector-secret', 'k2', { limit: 10 });
      expect(secret).toMatchObject({
        kind: 'connector-secret',
        organizationId,
        connectorId: 'ctr_a',
        authMethodId: 'am_1',
      });
      const [app] = await store.listSealedNotUnder('oauth-app-secret', 'k2', { limit: 10 });
      expect(app).toMatchObject({ kind: 'oauth-app-secret', organizationId, appId: 'app_1' });

      const next = { keyId: 'k2', nonce: Buffer.alloc(12, 2), ciphertext: Buffer.from('resealed') };
      for (const record of [first[0], secret, app]) {
        if (!record) throw new Error('missing record');
        expect(await store.replaceSealed(record, next)).toBe(true);
        // The same read again: the row changed since, so it is not replaced a second time.
        expect(await store.replaceSealed(record, { ...next, ciphertext: Buffer.from('stale') })).toBe(false);
      }
      expect(await store.getCredentials('cxn_1')).toEqual({ connectionId: 'cxn_1', ...next });
      expect(await store.getConnectorSecret('ctr_a', 'am_1')).toMatchObject(next);
      expect((await store.getOAuthApp('app_1'))?.clientSecret).toEqual(next);
      expect((await store.listSealedNotUnder('credentials', 'k2', { limit: 10 })).map((r) => r.id)).toEqual([
        'cxn_2',
        'cxn_3',
      ]);
      await store.close();
    });
  });
}
