import { ErrorCode, externalIdSchema } from '@plugboard/shared';
import type { Context } from 'hono';
import { hashSecret, MCP_TOKEN_PREFIX, SECRET_KEY_PREFIX } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import { authenticateSecretKey } from '../http/auth.js';
import type { ServiceDeps } from '../services/deps.js';
import { DomainError } from '../services/domain-error.js';
import type { McpPrincipal } from './principal.js';

/** Header naming the tenant when an agent calls with the organization's secret key. */
export const TENANT_HEADER = 'plugboard-tenant-id';
/** Optional header naming the end user when an agent calls with the secret key. */
export const END_USER_HEADER = 'plugboard-end-user-id';

const REALM = 'Bearer realm="plugboard"';

function unauthenticated(message: string, withError = true): ApiError {
  // RFC 6750: a request without a credential gets the bare challenge; a refused one says why.
  const challenge = withError ? `${REALM}, error="invalid_token", error_description="${message}"` : REALM;
  return new ApiError(401, ErrorCode.Unauthenticated, message).withHeaders({ 'WWW-Authenticate': challenge });
}

function headerId(c: Context, name: string): string | undefined {
  const value = c.req.header(name);
  if (value === undefined) return undefined;
  if (!externalIdSchema.safeParse(value).success) {
    throw ApiError.validation([{ path: name, message: 'Use 1 to 200 letters, digits and . _ : @ | + - only' }]);
  }
  return value;
}

async function byToken(c: Context, deps: ServiceDeps, token: string): Promise<McpPrincipal> {
  // Looked up on every request, in the database: a revoked token fails at once on every replica.
  const record = await deps.store.findMcpTokenByHash(hashSecret(token));
  const organization = record && (await deps.store.getOrganization(record.organizationId));
  if (!record || !organization) throw unauthenticated('The MCP token is not valid or was revoked');
  if (Date.parse(record.expiresAt) <= deps.now().getTime()) {
    throw unauthenticated('The MCP token has expired; mint a new one');
  }
  if (c.req.header(TENANT_HEADER) !== undefined) {
    throw ApiError.validation([{ path: TENANT_HEADER, message: 'An MCP token names its tenant itself' }]);
  }
  return {
    organization,
    tenantId: record.tenantId,
    endUserId: record.endUserId,
    connectorIds: record.connectorIds,
    tools: record.tools,
    tokenId: record.id,
  };
}

async function bySecretKey(c: Context, deps: ServiceDeps): Promise<McpPrincipal> {
  let organization: McpPrincipal['organization'];
  try {
    ({ organization } = await authenticateSecretKey(c, deps.store, deps.now()));
  } catch (error) {
    if (DomainError.is(error) && error.code === ErrorCode.Unauthenticated) throw unauthenticated(error.message);
    throw error;
  }
  const tenantId = headerId(c, TENANT_HEADER);
  if (!tenantId) {
    throw ApiError.validation([{ path: TENANT_HEADER, message: 'With a secret key, name the tenant in this header' }]);
  }
  const endUserId = headerId(c, END_USER_HEADER) ?? null;
  return { organization, tenantId, endUserId, connectorIds: null, tools: null, tokenId: null };
}

/**
 * Resolves who an MCP request acts for: an MCP token (`Authorization: Bearer pb_mt_…`), or the organization's
 * secret key with `Plugboard-Tenant-Id` (and optionally `Plugboard-End-User-Id`). Console cookies are not
 * accepted: an agent is not a browser.
 *
 * @throws ApiError 401 `unauthenticated` with `WWW-Authenticate`, 400 `validation_failed` for a bad header
 */
export async function authenticateMcp(c: Context, deps: ServiceDeps): Promise<McpPrincipal> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  const credential = match?.[1];
  if (!credential) throw unauthenticated('Send an MCP token as "Authorization: Bearer pb_mt_…"', false);
  if (credential.startsWith(MCP_TOKEN_PREFIX)) return byToken(c, deps, credential);
  if (credential.startsWith(SECRET_KEY_PREFIX)) return bySecretKey(c, deps);
  throw unauthenticated('Use an MCP token, or a secret key with Plugboard-Tenant-Id');
}
