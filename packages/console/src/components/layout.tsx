import type { ComponentChildren } from 'preact';
import type { ConsoleAccount } from '../console-client.js';
import { type Route, route } from '../state/router.js';
import { Link } from './link.js';

const isCurrent = (current: Route, names: Route['name'][]) => (names.includes(current.name) ? 'page' : undefined);

/** The console's frame: navigation, who is signed in, Sign out, and the page. */
export function Layout({
  account,
  onSignOut,
  children,
}: {
  account: ConsoleAccount;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const current = route.value;
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <p class="brand">
          Plugboard <span class="org">{account.organization.name}</span>
        </p>
        <div class="account">
          <span data-testid="member-name">{account.member.name}</span>
          <button type="button" class="secondary small" onClick={onSignOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <nav class="sidebar" aria-label="Console">
        <p class="nav-group" id="nav-integrations">
          Integrations
        </p>
        <ul aria-labelledby="nav-integrations">
          <li>
            <Link to="/connectors" aria-current={isCurrent(current, ['connectors', 'build', 'connector'])}>
              Connectors
            </Link>
          </li>
          <li>
            <Link to="/connections" aria-current={isCurrent(current, ['connections'])}>
              Connections
            </Link>
          </li>
          <li>
            <Link to="/mcp" aria-current={isCurrent(current, ['mcp'])}>
              MCP
            </Link>
          </li>
          <li>
            <Link to="/logs" aria-current={isCurrent(current, ['logs'])}>
              Logs
            </Link>
          </li>
        </ul>
        <p class="nav-group" id="nav-settings">
          Settings
        </p>
        <ul aria-labelledby="nav-settings">
          <li>
            <Link to="/settings/oauth-apps" aria-current={isCurrent(current, ['oauth-apps'])}>
              OAuth Apps
            </Link>
          </li>
          <li>
            <Link to="/settings/webhooks" aria-current={isCurrent(current, ['webhooks'])}>
              Webhooks
            </Link>
          </li>
        </ul>
      </nav>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
