import { type McpToolPreview, mcpToolPreviewQuerySchema, mcpToolPreviewSchema } from '@plugboard/shared';
import { z } from 'zod';
import { route } from '../http/route.js';
import type { ServiceDeps } from '../services/deps.js';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD']);

/**
 * The MCP tools a tenant would get: one per action of each connector the tenant has an active connection of,
 * named `<connector slug>_<action key>`. Connectors of other organizations are listed only when public, like
 * everywhere else a tenant may use them.
 */
export async function previewMcpTools(
  deps: ServiceDeps,
  organizationId: string,
  tenantId: string,
): Promise<McpToolPreview[]> {
  const connections = await deps.store.listConnections({ organizationId, tenantId, status: 'active', limit: 1000 });
  const connectorIds = [...new Set(connections.map((connection) => connection.connectorId))];
  const connectors = await Promise.all(connectorIds.map((id) => deps.store.getConnector(id)));
  const tools = connectors.flatMap((connector) =>
    !connector || (connector.organizationId !== organizationId && connector.visibility !== 'public')
      ? []
      : connector.actions.map((action) => ({
          name: `${connector.slug}_${action.key}`,
          description: `${connector.name}: ${action.description || action.name}`,
          connector: connector.slug,
          readOnly: READ_ONLY_METHODS.has(action.method),
        })),
  );
  return tools.sort((a, b) => a.name.localeCompare(b.name));
}

/** `GET /v1/mcp-tokens/preview`: what the console's MCP page shows before minting a token. */
export const mcpPreviewRoutes = (deps: ServiceDeps) => [
  route({
    method: 'get',
    path: '/v1/mcp-tokens/preview',
    tag: 'MCP',
    summary:
      'The MCP tools a tenant would get: one per action of each connector it has an active connection of, named ' +
      '`<connector slug>_<action key>`, read-only for GET and HEAD actions',
    auth: 'admin',
    status: 200,
    query: mcpToolPreviewQuerySchema,
    response: z.object({ data: z.array(mcpToolPreviewSchema) }),
    handler: async ({ auth, query }) => ({ data: await previewMcpTools(deps, auth.organization.id, query.tenantId) }),
  }),
];
