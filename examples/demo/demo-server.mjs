// The demo vendor: a Plugboard backend plus the few lines a vendor's own backend needs
// (mint a connect session with the secret key) and a page that embeds <plugboard-connect>.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PlugboardAdmin } from '@plugboard/sdk';
import { createApp, loadKeyring, openStore, seedDemo, startServer } from '@plugboard/server';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);
const pageUrl = new URL('./index.html', import.meta.url);

/** The demo's tenants: two customers of the demo vendor, to show that each sees only its own connections. */
export const DEMO_TENANTS = ['globex', 'initech'];

const exampleOrigins = ['http://localhost:5173', 'http://localhost:5174'];

/**
 * Starts the API, seeds the demo organization and serves the demo page at `/`.
 *
 * @param {{ port?: number, hostname?: string, databaseUrl: string, dataDir: string, env?: NodeJS.ProcessEnv, logger?: import('@plugboard/server').Logger }} options
 * @returns {Promise<{ url: string, secretKey: string, close(): Promise<void> }>}
 */
export async function startDemo({
  port = 4400,
  hostname = '127.0.0.1',
  databaseUrl,
  dataDir,
  env = process.env,
  logger,
}) {
  const store = await openStore(databaseUrl);
  const keyring = await loadKeyring({ env, dataDir, generateIfMissing: true });
  const app = new Hono();
  const demo = { secretKey: '', endUserId: '' };

  app.get('/', async (c) => c.html(await readFile(pageUrl, 'utf8')));
  app.get('/widget/plugboard-connect.js', async (c) => {
    const bundle = await readFile(require.resolve('@plugboard/widget/plugboard-connect.js'), 'utf8');
    return c.body(bundle, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
  // This route stands for the vendor's own backend: it knows who is signed in and
  // mints a short-lived connect session for that user's company with the secret key.
  app.post('/demo/session', async (c) => {
    const body = await c.req.json().catch(() => ({}));
    const tenantId = DEMO_TENANTS.includes(body.tenantId) ? body.tenantId : DEMO_TENANTS[0];
    const admin = new PlugboardAdmin({ secretKey: demo.secretKey, baseUrl: server.url });
    const session = await admin.connectSessions.create({
      tenantId,
      endUserId: demo.endUserId,
      endUserName: 'Dana Demo',
    });
    return c.json({ token: session.token, expiresAt: session.expiresAt });
  });
  app.route('/', createApp({ store, keyring, ...(logger ? { logger } : {}) }));

  const server = await startServer(app, { port, hostname });
  // The React and Vue examples run on Vite dev servers (ports 5173 and 5174) beside the demo.
  const origins = [server.url, server.url.replace('127.0.0.1', 'localhost'), ...exampleOrigins];
  const seeded = await seedDemo(store, keyring, { allowedOrigins: [...new Set(origins)] });
  demo.secretKey = seeded.secretKey;
  demo.endUserId = seeded.endUserId;
  return {
    url: server.url,
    secretKey: seeded.secretKey,
    async close() {
      await server.close();
      await store.close();
    },
  };
}
