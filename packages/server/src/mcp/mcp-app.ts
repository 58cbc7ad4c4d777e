import { createMcpHandler } from '@modelcontextprotocol/server';
import { Hono } from 'hono';
import { requestIdOf } from '../http/request-id.js';
import type { ServiceDeps } from '../services/deps.js';
import type { TokenRefresher } from '../services/token-refresh.js';
import { authenticateMcp } from './mcp-auth.js';
import { createMcpServer } from './mcp-server.js';

/**
 * The MCP server as a Hono sub-app, mounted at `/v1/mcp`: MCP's Streamable HTTP transport through the official
 * SDK, stateless (a fresh server per request, both for the current revision and for 2025-era clients), so any
 * replica answers any request. Each request is authenticated here before the SDK sees it; errors before the
 * SDK (401, 400) are the API's JSON errors.
 */
export function mcpApp(deps: ServiceDeps, refresher: TokenRefresher): Hono {
  const handler = createMcpHandler((context) => createMcpServer(deps, refresher, context), {
    onerror: (error) => deps.logger.warn({ event: 'mcp.request_failed', name: error.name }),
  });
  const app = new Hono();
  app.all('/', async (c) => {
    const principal = await authenticateMcp(c, deps);
    // The token itself stays out of the SDK: its id is enough to name the caller.
    const authInfo = { token: principal.tokenId ?? 'secret-key', clientId: principal.organization.id, scopes: [] };
    const extra = { principal, requestId: requestIdOf(c) };
    return handler.fetch(c.req.raw, { authInfo: { ...authInfo, extra } });
  });
  return app;
}
