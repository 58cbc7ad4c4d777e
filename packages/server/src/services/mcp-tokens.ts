import type { CreatedMcpToken, McpToken, mcpTokenCreateSchema } from '@plugboard/shared';
import type { z } from 'zod';
import { hashSecret, MCP_TOKEN_PREFIX, newId, newSecret } from '../crypto/tokens.js';
import type { McpTokenRecord, OrganizationRecord } from '../storage/store.js';
import { findVisibleConnector } from './connectors.js';
import type { ServiceDeps } from './deps.js';
import { DomainError } from './domain-error.js';

/**
 * Mints an MCP token for one tenant and end user of an organization. The token is returned once; only its hash
 * is kept. Named connectors are resolved to ids now, so a later slug change cannot widen the token.
 *
 * @param mcpUrl - the MCP endpoint the token is for, returned as `url`
 * @throws DomainError validation_failed for a connector the organization does not see
 */
export async function createMcpToken(
  deps: ServiceDeps,
  organization: OrganizationRecord,
  input: z.output<typeof mcpTokenCreateSchema>,
  mcpUrl: string,
): Promise<CreatedMcpToken> {
  const connectorIds = input.connectors
    ? await Promise.all(
        input.connectors.map(async (idOrSlug, index) => {
          try {
            return (await findVisibleConnector(deps, organization.id, idOrSlug)).id;
          } catch {
            throw DomainError.validation([{ path: `connectors.${index}`, message: `No connector ${idOrSlug}` }]);
          }
        }),
      )
    : null;
  const now = deps.now();
  const token = newSecret(MCP_TOKEN_PREFIX);
  const record: McpTokenRecord = {
    id: newId('mt'),
    organizationId: organization.id,
    tenantId: input.tenantId,
    endUserId: input.endUserId,
    endUserName: input.endUserName ?? null,
    tokenHash: hashSecret(token),
    prefix: token.slice(0, MCP_TOKEN_PREFIX.length + 4),
    connectorIds: connectorIds && [...new Set(connectorIds)],
    tools: input.tools ? [...new Set(input.tools)] : null,
    expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000).toISOString(),
    createdAt: now.toISOString(),
  };
  await deps.store.upsertTenant(organization.id, input.tenantId, record.createdAt);
  await deps.store.createMcpToken(record);
  deps.logger.info({ event: 'mcp_token.created', tokenId: record.id, tenantId: record.tenantId });
  return { id: record.id, token, url: mcpUrl, expiresAt: record.expiresAt };
}

/** An MCP token as lists show it: never the token or its hash. */
export function presentMcpToken(record: McpTokenRecord): McpToken {
  const { id, prefix, tenantId, endUserId, endUserName, connectorIds, tools, expiresAt, createdAt } = record;
  return { id, prefix, tenantId, endUserId, endUserName, connectors: connectorIds, tools, expiresAt, createdAt };
}

/** The organization's MCP tokens that have not expired, newest first. */
export async function listMcpTokens(deps: ServiceDeps, organizationId: string): Promise<McpToken[]> {
  return (await deps.store.listMcpTokens(organizationId, deps.now().toISOString())).map(presentMcpToken);
}

/**
 * Revokes an MCP token. The row is deleted, and every replica looks the token up on each request, so its next
 * request fails everywhere. @throws DomainError not_found
 */
export async function revokeMcpToken(deps: ServiceDeps, organizationId: string, id: string): Promise<void> {
  if (!(await deps.store.revokeMcpToken(organizationId, id))) throw DomainError.notFound(`MCP token ${id}`);
  deps.logger.info({ event: 'mcp_token.revoked', tokenId: id });
}
