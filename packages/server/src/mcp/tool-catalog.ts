import type { ActionDefinition } from '@plugboard/shared';
import type { ServiceDeps } from '../services/deps.js';
import type { ConnectionRecord, ConnectorRecord } from '../storage/store.js';
import type { McpPrincipal } from './principal.js';
import { disambiguatedToolName, toolName } from './tool-names.js';

/** One action of a connector the caller may use, as a tool. */
export interface ActionTool {
  name: string;
  connector: ConnectorRecord;
  action: ActionDefinition;
  /** The tenant's active connections of the connector. */
  active: ConnectionRecord[];
  /** The tenant's connections of the connector that need the end user to reconnect. */
  needsReauth: ConnectionRecord[];
}

/** What a caller may reach: its connectors, the tenant's connections of them, and their actions as tools. */
export interface ToolCatalog {
  connectors: ConnectorRecord[];
  connections: ConnectionRecord[];
  /** Tools of connectors the tenant has an active connection of: what `tools/list` shows. */
  listed: ActionTool[];
  /** Any tool of the caller's connectors by name, connected or not, for `tools/call`. */
  find(name: string): ActionTool | undefined;
}

/** The connectors a principal may use: the organization's own, or exactly those its token names. */
export async function principalConnectors(deps: ServiceDeps, principal: McpPrincipal): Promise<ConnectorRecord[]> {
  const all = await deps.store.listConnectors(principal.organization.id, 'all');
  const allowed = principal.connectorIds && new Set(principal.connectorIds);
  return all.filter((record) =>
    allowed ? allowed.has(record.id) : record.organizationId === principal.organization.id,
  );
}

/**
 * Builds the caller's tools from the database as it is now, so a new connection's tools show on the next request
 * and every replica answers alike.
 */
export async function buildCatalog(deps: ServiceDeps, principal: McpPrincipal): Promise<ToolCatalog> {
  const connectors = await principalConnectors(deps, principal);
  const usable = new Set(connectors.map((record) => record.id));
  const connections = (
    await deps.store.listConnections({
      organizationId: principal.organization.id,
      tenantId: principal.tenantId,
      limit: 1000,
    })
  ).filter((record) => usable.has(record.connectorId));
  const allowedTools = principal.tools && new Set(principal.tools);
  const tools = new Map<string, ActionTool>();
  for (const connector of connectors) {
    const own = connections.filter((record) => record.connectorId === connector.id);
    for (const action of connector.actions) {
      const plain = toolName(connector.slug, action.key);
      const name = tools.has(plain) ? disambiguatedToolName(connector.id, connector.slug, action.key) : plain;
      if (allowedTools && !allowedTools.has(name)) continue;
      tools.set(name, {
        name,
        connector,
        action,
        active: own.filter((record) => record.status === 'active'),
        needsReauth: own.filter((record) => record.status === 'needs_reauth'),
      });
    }
  }
  const listed = [...tools.values()].filter((tool) => tool.active.length > 0);
  return { connectors, connections, listed, find: (name) => tools.get(name) };
}
