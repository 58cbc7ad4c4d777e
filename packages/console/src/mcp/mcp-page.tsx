import type { ConsoleAccount } from '../console-client.js';
import type { ConsoleServices } from '../services.js';
import { McpTokens } from './mcp-tokens.js';
import { McpTools } from './mcp-tools.js';

/** The tenant the console's test connections are made for, as the server names it. */
export const testTenantOf = (account: ConsoleAccount) => `console-test-${account.member.id}`;

/** MCP: the tools a tenant's agent would get, and the tokens that give them. */
export function McpPage({ services, account }: { services: ConsoleServices; account: ConsoleAccount }) {
  const testTenant = testTenantOf(account);
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">MCP</h1>
      </header>
      <p class="intro">
        AI agents reach a tenant's connections through Plugboard's MCP server: one tool per action of each connector the
        tenant has an active connection of, called with the tenant's credentials.
      </p>
      <McpTools client={services.client} defaultTenant={testTenant} />
      <McpTokens client={services.client} account={account} testTenant={testTenant} />
    </section>
  );
}
