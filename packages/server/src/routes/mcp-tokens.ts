import { createdMcpTokenSchema, ErrorCode, mcpTokenCreateSchema, mcpTokenSchema } from '@plugboard/shared';
import { z } from 'zod';
import type { AuthOptions } from '../http/auth.js';
import { publicBaseOf } from '../http/public-base.js';
import { route } from '../http/route.js';
import type { ServiceDeps } from '../services/deps.js';
import { createMcpToken, listMcpTokens, revokeMcpToken } from '../services/mcp-tokens.js';

/** The path of the MCP server. */
export const MCP_PATH = '/v1/mcp';

/** Admin routes that mint, list and revoke MCP tokens. */
export const mcpTokenRoutes = (deps: ServiceDeps, options: AuthOptions) => [
  route({
    method: 'post',
    path: '/v1/mcp-tokens',
    tag: 'MCP',
    summary:
      "Mint an MCP token for one tenant and end user: an agent sends it as a Bearer token to the MCP server at `url`, whose tools are the actions of the tenant's connections (shown once; only its hash is stored)",
    operationId: 'createMcpToken',
    description:
      'Mints an MCP token for one tenant and end user, optionally limited to some connectors and tools. Secret key only; the token is in this response only and just its hash is stored.',
    errors: [ErrorCode.NotFound],
    auth: 'secretKey',
    status: 201,
    body: mcpTokenCreateSchema,
    response: createdMcpTokenSchema,
    handler: async ({ c, auth, body }) =>
      createMcpToken(deps, auth.organization, body, `${publicBaseOf(c, options)}${MCP_PATH}`),
  }),
  route({
    method: 'get',
    path: '/v1/mcp-tokens',
    tag: 'MCP',
    summary: "List your organization's MCP tokens that have not expired (never the tokens themselves)",
    operationId: 'listMcpTokens',
    description: "The organization's MCP tokens that have not expired; never the tokens themselves.",
    auth: 'admin',
    status: 200,
    response: z.object({ data: z.array(mcpTokenSchema) }),
    handler: async ({ auth }) => ({ data: await listMcpTokens(deps, auth.organization.id) }),
  }),
  route({
    method: 'delete',
    path: '/v1/mcp-tokens/{id}',
    tag: 'MCP',
    summary: 'Revoke an MCP token: its next request fails on every replica',
    operationId: 'revokeMcpToken',
    description: 'Revokes an MCP token: its next request fails on every replica.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 204,
    handler: async ({ auth, params }) => revokeMcpToken(deps, auth.organization.id, params.id ?? ''),
  }),
];
