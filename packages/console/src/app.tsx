import { useEffect, useState } from 'preact/hooks';
import { BuildPage } from './agent/build-page.js';
import { Layout } from './components/layout.js';
import { Link } from './components/link.js';
import { Failed, Loading } from './components/states.js';
import type { ConsoleAccount } from './console-client.js';
import { LogsPage } from './logs/logs-page.js';
import { McpPage } from './mcp/mcp-page.js';
import { ConnectionsPage } from './pages/connections-page.js';
import { ConnectorSettingsPage } from './pages/connector-settings-page.js';
import { ConnectorsPage } from './pages/connectors-page.js';
import { OAuthAppsPage } from './pages/oauth-apps-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import type { ConsoleServices } from './services.js';
import { codeOf } from './state/errors.js';
import { listenToHistory, route } from './state/router.js';
import { WebhooksPage } from './webhooks/webhooks-page.js';

type Session =
  | { status: 'checking' }
  | { status: 'signed-out' }
  | { status: 'failed'; error: unknown }
  | { status: 'signed-in'; account: ConsoleAccount };

const TITLES: Record<string, string> = {
  connectors: 'Connectors',
  build: 'Build with AI',
  connector: 'Connector settings',
  connections: 'Connections',
  'oauth-apps': 'OAuth Apps',
  webhooks: 'Webhooks',
  mcp: 'MCP',
  logs: 'Logs',
  'not-found': 'Not found',
};

/** The whole console: who is signed in, then the page the address names. */
export function App({ services }: { services: ConsoleServices }) {
  const [session, setSession] = useState<Session>({ status: 'checking' });
  const current = route.value;
  // Switching a connector's tab changes the address but not the page: focus stays on the tab.
  const page = current.name === 'connector' ? `connector:${current.id}` : current.name;

  async function check() {
    setSession({ status: 'checking' });
    try {
      setSession({ status: 'signed-in', account: await services.client.me() });
    } catch (error) {
      setSession(codeOf(error) === 'unauthenticated' ? { status: 'signed-out' } : { status: 'failed', error });
    }
  }

  useEffect(() => {
    void check();
    return listenToHistory();
  }, [services]);

  useEffect(() => {
    document.title =
      session.status === 'signed-in' ? `${TITLES[current.name]} · Plugboard console` : 'Sign in · Plugboard console';
    // A new page: focus moves to it, so keyboard and screen reader users start there rather than in the old page.
    if (session.status === 'signed-in') document.getElementById('main')?.focus({ preventScroll: true });
  }, [page, session.status]);

  if (session.status === 'checking') return <Loading label="Loading the console…" />;
  if (session.status === 'failed')
    return <Failed title="The console could not start." error={session.error} onRetry={check} />;
  if (session.status === 'signed-out')
    return (
      <SignInPage client={services.client} onSignedIn={(account) => setSession({ status: 'signed-in', account })} />
    );

  async function signOut() {
    // Signed out either way: a session the server already ended must not keep the member in.
    await services.client.signOut().catch(() => {});
    setSession({ status: 'signed-out' });
  }

  return (
    <Layout account={session.account} onSignOut={signOut}>
      {current.name === 'connectors' && <ConnectorsPage services={services} />}
      {current.name === 'build' && <BuildPage services={services} />}
      {current.name === 'connector' && <ConnectorSettingsPage services={services} id={current.id} tab={current.tab} />}
      {current.name === 'connections' && <ConnectionsPage services={services} />}
      {current.name === 'oauth-apps' && <OAuthAppsPage services={services} />}
      {current.name === 'webhooks' && <WebhooksPage services={services} />}
      {current.name === 'mcp' && <McpPage services={services} account={session.account} />}
      {current.name === 'logs' && <LogsPage services={services} />}
      {current.name === 'not-found' && (
        <section class="page">
          <h1>Page not found</h1>
          <p>
            Nothing lives at this address. Go to <Link to="/connectors">Connectors</Link>.
          </p>
        </section>
      )}
    </Layout>
  );
}
