import { serve } from '@hono/node-server';
import { PlugboardAdmin } from '@plugboard/sdk';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, startTestDemo } from './support/demo.js';

/** An internal API on loopback, which the egress policy blocks unless it is allowed. */
function startInternalApi() {
  const app = new Hono();
  app.get('/ping', (c) => c.json({ pong: true }));
  return new Promise<{ host: string; close: () => void }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ host: `127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
}

describe('the demo’s configuration', () => {
  let demo: RunningDemo;
  let internal: Awaited<ReturnType<typeof startInternalApi>>;
  let admin: PlugboardAdmin;

  beforeAll(async () => {
    internal = await startInternalApi();
    demo = await startTestDemo({
      env: { EXAMPLE_REACT_PORT: '6173', EXAMPLE_VUE_PORT: '6174', PLUGBOARD_EGRESS_ALLOW_HOSTS: internal.host },
    });
    admin = new PlugboardAdmin({ baseUrl: demo.url, secretKey: demo.secretKey });
  });
  afterAll(async () => {
    await demo?.close();
    internal?.close();
  });

  it('allows the framework examples on the ports EXAMPLE_REACT_PORT and EXAMPLE_VUE_PORT give', async () => {
    const { allowedOrigins } = await admin.organization.get();
    expect(allowedOrigins).toEqual(
      expect.arrayContaining(['http://localhost:6173', 'http://127.0.0.1:6173', 'http://localhost:6174']),
    );
    expect(allowedOrigins).not.toContain('http://localhost:5173');
  });

  it('lets actions reach the hosts PLUGBOARD_EGRESS_ALLOW_HOSTS allows', async () => {
    await admin.connectors.create({
      name: 'Internal',
      apiBaseUrl: `http://${internal.host}`,
      authMethods: [{ kind: 'none' }],
      actions: [{ key: 'ping', name: 'Ping', method: 'GET', path: '/ping' }],
    });
    const { token } = await admin.connectSessions.create({ tenantId: 'globex', endUserId: 'u1' });
    const created = await fetch(`${demo.url}/v1/session/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ connector: 'internal', credentials: {} }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const connection = (await created.json()) as { id: string };
    const result = await admin.actions.run({ connectionId: connection.id, action: 'ping', input: {} });
    expect([result.status, result.body]).toEqual([200, { pong: true }]);
  });
});
