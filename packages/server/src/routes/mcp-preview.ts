import { type McpToolPreview, mcpToolPreviewQuerySchema, mcpToolPreviewSchema } from '@plugboard/shared';
import { z } from 'zod';
import { route } from '../http/route.js';
import { toolDefinition } from '../mcp/mcp-server.js';
import { buildCatalog } from '../mcp/tool-catalog.js';
import type { ServiceDeps } from '../services/deps.js';
import type { OrganizationRecord } from '../storage/store.js';

/**
 * The MCP tools a tenant would get from a token with no restrictions: exactly what `tools/list` on `/v1/mcp`
 * answers for it (same catalog, names and annotations), shown before a token exists.
 */
export async function previewMcpTools(
  deps: ServiceDeps,
  organization: OrganizationRecord,
  tenantId: string,
): Promise<McpToolPreview[]> {
  const principal = { organization, tenantId, endUserId: null, connectorIds: null, tools: null, tokenId: null };
  const { listed } = await buildCatalog(deps, principal);
  return listed
    .map((tool) => {
      const definition = toolDefinition(tool);
      return {
        name: definition.name,
        description: definition.description ?? '',
        connector: tool.connector.slug,
        readOnly: definition.annotations?.readOnlyHint === true,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `GET /v1/mcp-tokens/preview`: what the console's MCP page shows before minting a token. */
export const mcpPreviewRoutes = (deps: ServiceDeps) => [
  route({
    method: 'get',
    path: '/v1/mcp-tokens/preview',
    tag: 'MCP',
    summary:
      'The MCP tools a tenant would get, as `tools/list` on /v1/mcp answers them: one per action of each connector ' +
      'it has an active connection of, named `<connector slug>_<action key>`',
    operationId: 'previewMcpTools',
    description:
      'The MCP tools a tenant would get: one per action of each connector it has an active connection of, as `tools/list` on /v1/mcp answers them.',
    auth: 'admin',
    status: 200,
    query: mcpToolPreviewQuerySchema,
    response: z.object({ data: z.array(mcpToolPreviewSchema) }),
    handler: async ({ auth, query }) => ({ data: await previewMcpTools(deps, auth.organization, query.tenantId) }),
  }),
];
