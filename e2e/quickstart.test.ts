import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlugboardAdmin, PlugboardSession } from '@plugboard/sdk';
import { createApp, loadKeyring, openStore, runCli, startServer } from '@plugboard/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// docs/quickstart.md, step by step, with the same commands and calls.
describe('the quickstart, followed as written', () => {
  const env: NodeJS.ProcessEnv = {};
  let close: () => Promise<void>;
  let baseUrl: string;
  let secretKey: string;

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'plugboard-quickstart-'));
    Object.assign(env, {
      PLUGBOARD_DATA_DIR: dataDir,
      PLUGBOARD_DATABASE_URL: `file:${join(dataDir, 'plugboard.db')}`,
    });
    const store = await openStore(env.PLUGBOARD_DATABASE_URL as string);
    const keyring = await loadKeyring({ env, dataDir, generateIfMissing: true });
    const server = await startServer(createApp({ store, keyring }), { port: 0 });
    baseUrl = server.url;
    close = async () => {
      await server.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => close?.());

  async function plugboard(...argv: string[]) {
    let out = '';
    const code = await runCli(argv, env, { out: (text) => (out += text), err: (text) => (out += text) });
    expect(code, out).toBe(0);
    return JSON.parse(out);
  }

  it('2. creates an organization with the CLI', async () => {
    const created = await plugboard('org', 'create', '--name', 'Your Company', '--origin', 'http://localhost:3000');
    expect(created.organization.allowedOrigins).toEqual(['http://localhost:3000']);
    secretKey = created.secretKey;
  });

  it('3. defines a connector with the SDK', async () => {
    const admin = new PlugboardAdmin({ baseUrl, secretKey });
    const connector = await admin.connectors.create({
      name: 'Stripe',
      domain: 'stripe.com',
      description: 'Payments, subscriptions and invoices.',
      visibility: 'private',
      iconUrl: 'https://stripe.com/favicon.ico',
      authMethods: [{ kind: 'bearer', label: 'Secret key' }],
    });
    expect(connector.slug).toBe('stripe');
  });

  it('4. mints a connect session, with the SDK and with the CLI', async () => {
    const admin = new PlugboardAdmin({ baseUrl, secretKey });
    const session = await admin.connectSessions.create({
      tenantId: 'customer-42',
      endUserId: 'user-7',
      endUserName: 'Ada Lovelace',
    });
    expect(session.token).toMatch(/^pb_cs_/);
    const fromCli = await plugboard(
      'session',
      'create',
      '--secret-key',
      secretKey,
      '--tenant',
      'customer-42',
      '--user',
      'user-7',
    );
    expect(fromCli.tenantId).toBe('customer-42');
  });

  it('5-6. connects as the widget does and lists the masked connection from the backend', async () => {
    const admin = new PlugboardAdmin({ baseUrl, secretKey });
    const session = new PlugboardSession({
      baseUrl,
      fetchToken: async () =>
        (await admin.connectSessions.create({ tenantId: 'customer-42', endUserId: 'user-7' })).token,
    });
    const [card] = await session.connectors.list();
    expect(card?.connectionCount).toBe(0);
    await session.connections.create({ connector: 'stripe', credentials: { token: 'rk_test_quickstart_1234' } });
    const labels: string[] = [];
    for await (const connection of admin.connections.listAll({ tenantId: 'customer-42' })) {
      labels.push(`${connection.label} ${connection.status} ${connection.maskedCredentials.token}`);
    }
    expect(labels).toEqual(['Stripe active ••••1234']);
  });
});
