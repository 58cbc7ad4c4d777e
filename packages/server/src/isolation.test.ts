import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test/context.js';
import {
  connectWithSandbox,
  sandboxAppOptions,
  sandboxConnector,
  startFlow,
  startSandboxServer,
} from './test/sandbox.js';

// Every session route against what a session must not reach: another tenant's things (same organization),
// another organization's, and, for a session restricted with `allowedConnectors`, its own tenant's connections
// and flows of the other connectors. Each must answer as if those things did not exist. The routes come from
// the OpenAPI document, so a new session route fails the coverage test until it has cases here.
let server: Awaited<ReturnType<typeof startSandboxServer>>;
let t: TestContext;
/** Tenant A, every connector of the organization. */
let tokenA: string;
/** Tenant A as well, restricted to Stripe and Acme CRM: Jira and Hidden CRM are outside its list. */
let tokenRestricted: string;
let tokenB: string;
let tokenOtherOrg: string;
const connection = { stripeA: '', jiraA: '', acmeA: '', stripeB: '', otherOrg: '' };
const flow = { hiddenA: '', restricted: '', acmeB: '' };

beforeAll(async () => {
  server = await startSandboxServer();
  t = await createTestContext(sandboxAppOptions(server.url));
  const vendor = await t.createOrganization('Vendor');
  const other = await t.createOrganization('Other');
  await t.createConnector(vendor.secretKey, { name: 'Stripe', authMethods: [{ kind: 'bearer' }] });
  await t.createConnector(vendor.secretKey, { name: 'Jira', authMethods: [{ kind: 'bearer' }] });
  await t.createConnector(vendor.secretKey, sandboxConnector(server.url));
  await t.createConnector(vendor.secretKey, { ...sandboxConnector(server.url), name: 'Hidden CRM' });
  await t.createConnector(other.secretKey, {
    name: 'Secret Tool',
    visibility: 'private',
    authMethods: [{ kind: 'bearer' }],
  });
  tokenA = await t.mintSession(vendor.secretKey, { tenantId: 'tenant-a' });
  tokenRestricted = await t.mintSession(vendor.secretKey, {
    tenantId: 'tenant-a',
    allowedConnectors: ['stripe', 'acme-crm'],
  });
  tokenB = await t.mintSession(vendor.secretKey, { tenantId: 'tenant-b' });
  tokenOtherOrg = await t.mintSession(other.secretKey, { tenantId: 'tenant-a' });
  const create = async (token: string, connector: string) =>
    (
      await t.request('POST', '/v1/session/connections', {
        key: token,
        body: { connector, credentials: { token: 't' } },
      })
    ).json.id as string;
  connection.stripeA = await create(tokenA, 'stripe');
  connection.jiraA = await create(tokenA, 'jira');
  connection.acmeA = await connectWithSandbox(t, tokenA, server.url);
  connection.stripeB = await create(tokenB, 'stripe');
  connection.otherOrg = await create(tokenOtherOrg, 'secret-tool');
  flow.hiddenA = (await startFlow(t, tokenA, { connector: 'hidden-crm' })).id;
  flow.restricted = (await startFlow(t, tokenRestricted)).id;
  flow.acmeB = (await startFlow(t, tokenB)).id;
});
afterAll(async () => {
  await t.close();
  server.close();
});

const get = (token: string, path: string) => t.request('GET', path, { key: token });
const idsOf = (response: { json: { data: { id: string }[] } }) => response.json.data.map((item) => item.id).sort();
const expectNotFound = (response: { status: number; json?: { error?: { code: string } } }) =>
  expect([response.status, response.json?.error?.code]).toEqual([404, 'not_found']);

type Case = [name: string, run: () => Promise<void>];

const matrix: Record<string, Case[]> = {
  'GET /v1/session': [
    [
      'describes only its own session',
      async () => expect((await get(tokenOtherOrg, '/v1/session')).json.organization.name).toBe('Other'),
    ],
    [
      'describes a restricted session’s own tenant',
      async () => expect((await get(tokenRestricted, '/v1/session')).json.tenantId).toBe('tenant-a'),
    ],
  ],
  'GET /v1/session/connectors': [
    [
      'counts none of another tenant’s connections on the cards',
      async () => {
        const { json } = await get(tokenB, '/v1/session/connectors');
        const counts = json.data.map((c: { slug: string; connectionCount: number }) => [c.slug, c.connectionCount]);
        expect(Object.fromEntries(counts)).toEqual({ 'acme-crm': 0, 'hidden-crm': 0, jira: 0, stripe: 1 });
      },
    ],
    [
      'shows none of another organization’s private connectors',
      async () => {
        const { json } = await get(tokenA, '/v1/session/connectors');
        expect(json.data.map((c: { slug: string }) => c.slug)).toEqual(['acme-crm', 'hidden-crm', 'jira', 'stripe']);
      },
    ],
    [
      'shows a restricted session only its cards, with counts that agree with its list',
      async () => {
        const cards = (await get(tokenRestricted, '/v1/session/connectors')).json.data;
        const listed = (await get(tokenRestricted, '/v1/session/connections')).json.data;
        const count = (slug: string) =>
          listed.filter((c: { connectorSlug: string }) => c.connectorSlug === slug).length;
        expect(cards.map((c: { slug: string; connectionCount: number }) => [c.slug, c.connectionCount])).toEqual([
          ['acme-crm', count('acme-crm')],
          ['stripe', count('stripe')],
        ]);
        expect(count('acme-crm') + count('stripe')).toBe(2);
      },
    ],
  ],
  'GET /v1/session/bootstrap': [
    [
      'tells the session only its own tenant, and counts none of another tenant’s connections',
      async () => {
        const { json } = await get(tokenB, '/v1/session/bootstrap');
        expect(json.session.tenantId).toBe('tenant-b');
        const counts = json.connectors.map((c: { slug: string; connectionCount: number }) => [
          c.slug,
          c.connectionCount,
        ]);
        expect(Object.fromEntries(counts)).toEqual({ 'acme-crm': 0, 'hidden-crm': 0, jira: 0, stripe: 1 });
      },
    ],
    [
      'shows a restricted session only its cards, and none of another organization’s',
      async () => {
        const { json } = await get(tokenRestricted, '/v1/session/bootstrap');
        expect(json.connectors.map((c: { slug: string }) => c.slug)).toEqual(['acme-crm', 'stripe']);
        expect(json.session.organization.name).not.toBe('Other');
      },
    ],
  ],
  'GET /v1/session/connections': [
    [
      'lists none of another tenant’s connections',
      async () => expect(idsOf(await get(tokenB, '/v1/session/connections'))).toEqual([connection.stripeB]),
    ],
    [
      'lists a restricted session none of its tenant’s connections outside its connectors',
      async () =>
        expect(idsOf(await get(tokenRestricted, '/v1/session/connections'))).toEqual(
          [connection.stripeA, connection.acmeA].sort(),
        ),
    ],
  ],
  'POST /v1/session/connections': [
    [
      'cannot use another organization’s private connector',
      async () => {
        const body = { connector: 'secret-tool', credentials: { token: 'x' } };
        expect((await t.request('POST', '/v1/session/connections', { key: tokenA, body })).status).toBe(404);
      },
    ],
    [
      'cannot connect a restricted session to a connector outside its list',
      async () => {
        const body = { connector: 'jira', credentials: { token: 'x' } };
        expectNotFound(await t.request('POST', '/v1/session/connections', { key: tokenRestricted, body }));
        expect(idsOf(await get(tokenA, '/v1/session/connections'))).toHaveLength(3);
      },
    ],
  ],
  'DELETE /v1/session/connections/{id}': [
    [
      'cannot delete a connection of another tenant',
      async () =>
        expectNotFound(await t.request('DELETE', `/v1/session/connections/${connection.stripeB}`, { key: tokenA })),
    ],
    [
      'cannot delete a connection of another organization',
      async () =>
        expectNotFound(await t.request('DELETE', `/v1/session/connections/${connection.otherOrg}`, { key: tokenA })),
    ],
    [
      'cannot delete, from a restricted session, its tenant’s connection of another connector',
      async () =>
        expectNotFound(
          await t.request('DELETE', `/v1/session/connections/${connection.jiraA}`, { key: tokenRestricted }),
        ),
    ],
  ],
  'POST /v1/session/oauth/flows': [
    [
      'cannot reconnect a connection of another tenant',
      async () => {
        const body = { connector: 'acme-crm', connectionId: connection.stripeB };
        expectNotFound(await t.request('POST', '/v1/session/oauth/flows', { key: tokenA, body }));
      },
    ],
    [
      'cannot start a restricted session’s flow on a connector outside its list',
      async () => {
        const body = { connector: 'hidden-crm' };
        expectNotFound(await t.request('POST', '/v1/session/oauth/flows', { key: tokenRestricted, body }));
      },
    ],
    [
      'cannot reconnect, from a restricted session, its tenant’s connection of another connector',
      async () => {
        const body = { connector: 'acme-crm', connectionId: connection.jiraA };
        expectNotFound(await t.request('POST', '/v1/session/oauth/flows', { key: tokenRestricted, body }));
      },
    ],
    [
      'reconnects, from a restricted session, a connection of its own connectors',
      async () => {
        const body = { connector: 'acme-crm', connectionId: connection.acmeA };
        expect((await t.request('POST', '/v1/session/oauth/flows', { key: tokenRestricted, body })).status).toBe(201);
      },
    ],
  ],
  'GET /v1/session/oauth/flows/{id}': [
    [
      'cannot read a flow of another tenant',
      async () => expectNotFound(await get(tokenA, `/v1/session/oauth/flows/${flow.acmeB}`)),
    ],
    [
      'cannot read, from a restricted session, its tenant’s flow on another connector',
      async () => expectNotFound(await get(tokenRestricted, `/v1/session/oauth/flows/${flow.hiddenA}`)),
    ],
    [
      'reads a restricted session’s own flow',
      async () => expect((await get(tokenRestricted, `/v1/session/oauth/flows/${flow.restricted}`)).status).toBe(200),
    ],
  ],
};

describe('tenant and connector isolation of session routes', () => {
  it('has cases for every session route of the API', async () => {
    const { json } = await t.request('GET', '/v1/openapi.json');
    const paths = Object.entries(json.paths as Record<string, Record<string, { security: object[] }>>);
    const sessionRoutes = paths.flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security.some((scheme) => 'sessionToken' in scheme))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(Object.keys(matrix).sort()).toEqual(sessionRoutes.sort());
  });

  describe.each(Object.entries(matrix))('%s', (_, cases) => {
    it.each(cases)('%s', async (_name, run) => run());
  });

  it('left every connection in place', async () => {
    expect(idsOf(await get(tokenA, '/v1/session/connections'))).toEqual(
      [connection.stripeA, connection.jiraA, connection.acmeA].sort(),
    );
    expect(idsOf(await get(tokenB, '/v1/session/connections'))).toEqual([connection.stripeB]);
    expect(idsOf(await get(tokenOtherOrg, '/v1/session/connections'))).toEqual([connection.otherOrg]);
  });
});
