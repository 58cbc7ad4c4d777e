import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import { ErrorCode } from '@plugboard/shared';
import { createConnectLink } from '../services/connect-links.js';
import type { ServiceDeps } from '../services/deps.js';
import { DomainError } from '../services/domain-error.js';
import type { McpPrincipal } from './principal.js';
import type { ToolCatalog } from './tool-catalog.js';
import { toolErrorOf } from './tool-results.js';

/** Names of the tools every caller gets, whatever its connections. */
export const LIST_CONNECTIONS_TOOL = 'plugboard_list_connections';
export const CONNECT_TOOL = 'plugboard_connect';

/** The built-in tools' definitions. */
export const builtinTools: Tool[] = [
  {
    name: LIST_CONNECTIONS_TOOL,
    title: 'List connections',
    description:
      "Lists the user's connected apps this agent may use, with each connection's status (active, or needs_reauth when the user must reconnect) and the tools it gives.",
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: CONNECT_TOOL,
    title: 'Connect an app',
    description:
      'Creates a link the user opens in a browser to connect (or reconnect) an app. Give the link to the user, then call the tools again once they are done.',
    inputSchema: {
      type: 'object',
      properties: { connector: { type: 'string', description: 'The connector slug, e.g. "acme-crm"' } },
      required: ['connector'],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  },
];

/**
 * A connect link for one connector, or undefined when none can be made now (the failure is logged): a tool
 * error without a link still tells the agent what is wrong.
 */
export async function connectLinkFor(
  deps: ServiceDeps,
  principal: McpPrincipal,
  connectorSlug: string,
): Promise<{ url: string; expiresAt: string }> {
  const link = await createConnectLink(deps, principal.organization, {
    tenantId: principal.tenantId,
    // A secret-key caller without Plugboard-End-User-Id acts for the tenant as a whole.
    endUserId: principal.endUserId ?? principal.tenantId,
    connectors: [connectorSlug],
  });
  return { url: link.url, expiresAt: link.expiresAt };
}

/** {@link connectLinkFor}, or undefined when no link can be made. */
export async function connectUrlOrNothing(deps: ServiceDeps, principal: McpPrincipal, connectorSlug: string) {
  try {
    return (await connectLinkFor(deps, principal, connectorSlug)).url;
  } catch (error) {
    deps.logger.warn({ event: 'mcp.connect_link_failed', name: (error as Error).name });
    return undefined;
  }
}

function listConnections(catalog: ToolCatalog): CallToolResult {
  const connectors = new Map(catalog.connectors.map((record) => [record.id, record]));
  const connections = catalog.connections.map((record) => {
    const connector = connectors.get(record.connectorId);
    const tools = catalog.listed.filter((tool) => tool.connector.id === record.connectorId).map((tool) => tool.name);
    return {
      id: record.id,
      connector: connector?.slug ?? '',
      connectorName: connector?.name ?? '',
      label: record.label,
      status: record.status,
      tools: record.status === 'active' ? tools : [],
    };
  });
  const available = catalog.connectors.map((record) => ({ slug: record.slug, name: record.name }));
  const text =
    connections.length === 0
      ? `No connections yet. Apps the user can connect with ${CONNECT_TOOL}: ${available.map((c) => c.slug).join(', ')}`
      : connections.map((c) => `${c.connectorName} (${c.connector}) "${c.label}": ${c.status}`).join('\n');
  return { content: [{ type: 'text', text }], structuredContent: { connections, connectors: available } };
}

async function connect(
  deps: ServiceDeps,
  principal: McpPrincipal,
  catalog: ToolCatalog,
  args: Record<string, unknown>,
) {
  const slug = typeof args.connector === 'string' ? args.connector : '';
  const connector = catalog.connectors.find((record) => record.slug === slug || record.id === slug);
  if (!connector) {
    const known = catalog.connectors.map((record) => record.slug).join(', ');
    throw DomainError.validation([{ path: 'connector', message: `No connector "${slug}"; use one of: ${known}` }]);
  }
  const link = await connectLinkFor(deps, principal, connector.slug);
  return {
    content: [{ type: 'text', text: `Give the user this link to connect ${connector.name}: ${link.url}` }],
    structuredContent: { connector: connector.slug, url: link.url, expiresAt: link.expiresAt },
  } satisfies CallToolResult;
}

/** Runs a built-in tool; undefined when `name` is not one. */
export async function callBuiltinTool(
  deps: ServiceDeps,
  principal: McpPrincipal,
  catalog: ToolCatalog,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult | undefined> {
  try {
    if (name === LIST_CONNECTIONS_TOOL) return listConnections(catalog);
    if (name === CONNECT_TOOL) return await connect(deps, principal, catalog, args);
    return undefined;
  } catch (error) {
    return toolErrorOf(error, deps.logger);
  }
}

/** The tool error of a call to a connector's tool when the tenant has no usable connection of it. */
export async function notConnectedError(
  deps: ServiceDeps,
  principal: McpPrincipal,
  connector: { slug: string; name: string },
  needsReauth: boolean,
): Promise<CallToolResult> {
  const error = needsReauth
    ? new DomainError(
        ErrorCode.NeedsReauth,
        `${connector.name} no longer accepts the user's connection; the user must reconnect it`,
      )
    : new DomainError(ErrorCode.NotConnected, `The user has not connected ${connector.name} yet`);
  const connectUrl = await connectUrlOrNothing(deps, principal, connector.slug);
  return toolErrorOf(error, deps.logger, { connector: connector.slug, connectUrl });
}
