// The demo vendor: a Plugboard backend plus the few lines a vendor's own backend needs
// (mint a connect session with the secret key), a page that embeds <plugboard-connect>,
// and the Acme Sandbox, a local OAuth 2.0 provider for the demo's OAuth connector.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createSandbox } from '@plugboard/sandbox';
import { PlugboardAdmin, PlugboardSession } from '@plugboard/sdk';
import {
  createApp,
  findWidgetBundle,
  loadConfig,
  loadKeyring,
  openStore,
  sessionLoginHandler,
  startServer,
} from '@plugboard/server';
import { loadDemoPassword, seedDemo } from '@plugboard/server/demo';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { exampleOrigins } from '../example-ports.mjs';

const require = createRequire(import.meta.url);
const pageUrl = new URL('./index.html', import.meta.url);

const WIDGET_TAG = '<plugboard-connect id="connect"></plugboard-connect>';

/**
 * The page's `<plugboard-connect>` with its session token and first cards. In the JSON, `<` is escaped so no
 * string in it (a connector's name, say) can close the script element early.
 */
const widgetTag = (token, first) =>
  `<plugboard-connect id="connect" session-token="${token}"><script type="application/json">${JSON.stringify(first).replaceAll('<', '\\u003c')}</script></plugboard-connect>`;

/** The demo's tenants: two customers of the demo vendor, to show that each sees only its own connections. */
export const DEMO_TENANTS = ['globex', 'initech'];

const sandboxClient = { clientId: 'plugboard-demo', clientSecret: 'acme-sandbox-demo-secret' };
const managedClient = { clientId: 'plugboard-managed', clientSecret: 'acme-sandbox-managed-secret' };

/**
 * The built admin console: the `dist` folder of `@plugboard/console`, found the way Node finds the package
 * (whatever its exports map says), or undefined when the package is not installed.
 */
function consoleRoot() {
  for (const folder of require.resolve.paths('@plugboard/console') ?? []) {
    const packageFolder = join(folder, '@plugboard', 'console');
    if (existsSync(join(packageFolder, 'package.json'))) return join(packageFolder, 'dist');
  }
  return undefined;
}

/** Starts the sandbox provider on loopback; its clients are registered once Plugboard's URL is known. */
function startSandbox({ port, hostname, crossOriginOpenerPolicy }) {
  return new Promise((resolve) => {
    let sandbox;
    const server = serve({ fetch: (request) => sandbox.app.fetch(request), port, hostname }, (info) => {
      const url = `http://${hostname}:${info.port}`;
      sandbox = createSandbox({ issuer: url, clients: [], crossOriginOpenerPolicy });
      resolve({ url, sandbox, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/**
 * Starts the API, the sandbox provider (on the next port), seeds the demo organization and serves the
 * demo page at `/` and the admin console at `/console`. The console member `admin@acme.example` signs in with
 * `PLUGBOARD_DEMO_PASSWORD`, else a password generated once into `<dataDir>/demo-password`.
 *
 * @param {{ port?: number, hostname?: string, databaseUrl: string, dataDir: string, env?: NodeJS.ProcessEnv,
 *   logger?: import('@plugboard/server').Logger, sandboxCoop?: 'same-origin' }} options
 * @returns {Promise<{ url: string, sandboxUrl: string, secretKey: string, consoleUrl: string, consoleEmail: string,
 *   consolePassword: string, sandbox: import('@plugboard/sandbox').Sandbox, close(): Promise<void> }>}
 */
export async function startDemo({
  port = 4400,
  hostname = '127.0.0.1',
  databaseUrl,
  dataDir,
  env = process.env,
  logger,
  sandboxCoop,
}) {
  const store = await openStore(databaseUrl);
  const keyring = await loadKeyring({ env, dataDir, generateIfMissing: true });
  const consolePassword = await loadDemoPassword({ env, dataDir });
  const consoleFolder = consoleRoot();
  const widgetBundle = findWidgetBundle();
  const app = new Hono();
  const demo = { secretKey: '', endUserId: '' };

  // The vendor's own backend knows who is signed in and mints a short-lived connect session for that user's
  // company with the secret key.
  const mintSession = (tenantId) =>
    new PlugboardAdmin({ secretKey: demo.secretKey, baseUrl: server.url }).connectSessions.create({
      tenantId,
      endUserId: demo.endUserId,
      endUserName: 'Dana Demo',
    });
  // Minting writes to the database; a session lives 30 minutes. So, as a vendor may keep one in its user's own
  // server-side session, the page reuses the signed-in user's session while it has 10 minutes left.
  const pageSessions = new Map();
  const pageSession = async (tenantId) => {
    const kept = pageSessions.get(tenantId);
    if (kept && Date.parse(kept.expiresAt) - Date.now() > 10 * 60_000) return kept;
    const session = await mintSession(tenantId);
    pageSessions.set(tenantId, session);
    return session;
  };
  const firstPaintTag = async () => {
    const session = await pageSession(DEMO_TENANTS[0]);
    const first = await new PlugboardSession({ baseUrl: server.url, token: session.token }).bootstrap();
    return widgetTag(session.token, first);
  };
  // The page comes with a session and its first cards (GET /v1/session/bootstrap), so the widget paints them at
  // once instead of asking for a token, then for the cards. The page's head goes out first, so the browser fetches
  // the widget's script meanwhile. When that fails (the minting budget is spent, say), the page still loads and
  // the widget asks by itself.
  app.get('/', async (c) => {
    const [head, tail] = (await readFile(pageUrl, 'utf8')).split(WIDGET_TAG);
    c.header('content-type', 'text/html; charset=utf-8');
    return stream(c, async (body) => {
      await body.write(head ?? '');
      const tag = await firstPaintTag().catch(() => {
        pageSessions.clear();
        return WIDGET_TAG;
      });
      await body.write(`${tag}${tail ?? ''}`);
    });
  });
  // The widget calls this for a new token when the session expires, and the page when its user switches company.
  app.post('/demo/session', async (c) => {
    const body = await c.req.json().catch(() => ({}));
    const tenantId = DEMO_TENANTS.includes(body.tenantId) ? body.tenantId : DEMO_TENANTS[0];
    const session = await mintSession(tenantId);
    return c.json({ token: session.token, expiresAt: session.expiresAt });
  });
  // A custom auth handler, as a vendor registers one: the sandbox's password login stands for a legacy API.
  const sandboxRef = { url: '' };
  const customAuth = {
    'acme-login': sessionLoginHandler({
      loginUrl: () => `${sandboxRef.url}/auth/login`,
      verifyUrl: () => `${sandboxRef.url}/api/me`,
    }),
  };
  const sandbox = await startSandbox({
    port: port === 0 ? 0 : port + 1,
    hostname,
    crossOriginOpenerPolicy: sandboxCoop,
  });
  sandboxRef.url = sandbox.url;
  // The API is built once the server knows its own URL: that URL (or PLUGBOARD_PUBLIC_URL) fixes the OAuth
  // redirect URI, so no Host header can change it.
  const server = await startServer(
    (url) => {
      const api = createApp({
        customAuth,
        store,
        keyring,
        publicUrl: env.PLUGBOARD_PUBLIC_URL || url,
        // The sandbox runs on loopback over plain http: allow http OAuth endpoints, and let its host:port
        // through the egress policy, which blocks loopback addresses for everything else, beside the hosts
        // PLUGBOARD_EGRESS_ALLOW_HOSTS allows, as `plugboard serve` does.
        allowInsecureOAuthEndpoints: true,
        egressAllowHosts: [new URL(sandbox.url).host, ...loadConfig(env).egressAllowHosts],
        backgroundRefreshMs: 30_000,
        deliveryIntervalMs: 1_000,
        pollingIntervalMs: 15_000,
        ...(consoleFolder ? { consoleRoot: consoleFolder } : {}),
        ...(widgetBundle ? { widgetBundle } : {}),
        ...(logger ? { logger } : {}),
      });
      app.route('/', api);
      return app;
    },
    { port, hostname },
  );
  const origins = [...new Set([server.url, server.url.replace('127.0.0.1', 'localhost')])];
  const redirectUris = [`${env.PLUGBOARD_PUBLIC_URL || server.url}/v1/oauth/callback`];
  sandbox.sandbox.options.clients.push({ ...sandboxClient, redirectUris }, { ...managedClient, redirectUris });
  const seeded = await seedDemo(store, keyring, {
    allowedOrigins: [...origins, ...exampleOrigins(env)],
    oauthProvider: { url: sandbox.url, ...sandboxClient, managedApp: managedClient },
    customAuth,
    consolePassword,
  });
  demo.secretKey = seeded.secretKey;
  demo.endUserId = seeded.endUserId;
  return {
    url: server.url,
    sandboxUrl: sandbox.url,
    secretKey: seeded.secretKey,
    consoleUrl: `${server.url}/console`,
    consoleEmail: seeded.consoleEmail,
    consolePassword,
    sandbox: sandbox.sandbox,
    async close() {
      await sandbox.close();
      await server.close();
      await store.close();
    },
  };
}
