import { ErrorCode } from '@plugboard/shared';
import type { EndpointDescription } from '../http/openapi.js';
import { MCP_PATH } from '../routes/mcp-tokens.js';

/** The MCP endpoint, which the MCP SDK serves rather than a declared route, as the OpenAPI document lists it. */
export const mcpEndpoint: EndpointDescription = {
  path: MCP_PATH,
  methods: ['post'],
  operationId: 'callMcp',
  tag: 'MCP',
  summary: 'MCP requests: list and call the tenant’s tools',
  description:
    'The Model Context Protocol over Streamable HTTP (revision 2026-07-28; 2025-era clients are served statelessly too). Tools are the actions of the tenant\'s active connections, named `<connector slug>_<action key>`, plus `plugboard_list_connections` and `plugboard_connect`. Failed calls are tool results with `isError` and `structuredContent.error.code`. Without a valid MCP token or secret key the answer is 401 with `WWW-Authenticate: Bearer realm="plugboard"` (`error="invalid_token"` for a revoked, expired or unknown token). See docs/mcp.md.',
  security: [{ mcpToken: [] }, { secretKey: [] }],
  parameters: [
    {
      name: 'Plugboard-Tenant-Id',
      in: 'header',
      required: false,
      description: 'With a secret key: the tenant whose connections the tools use (required then)',
      schema: { type: 'string' },
    },
    {
      name: 'Plugboard-End-User-Id',
      in: 'header',
      required: false,
      description: 'With a secret key: the end user recorded on tool calls and connect links',
      schema: { type: 'string' },
    },
  ],
  requestBody: {
    required: true,
    description: 'A JSON-RPC 2.0 request or notification',
    content: { 'application/json': { schema: { type: 'object' } } },
  },
  responses: {
    200: {
      description: 'A JSON-RPC response, as JSON or as a server-sent event stream',
      content: {
        'application/json': { schema: { type: 'object' } },
        'text/event-stream': { schema: { type: 'string' } },
      },
    },
    202: { description: 'A notification was accepted' },
  },
  errors: [ErrorCode.Unauthenticated, ErrorCode.ValidationFailed],
};

/** The security scheme of MCP tokens. */
export const mcpSecuritySchemes = {
  mcpToken: { type: 'http', scheme: 'bearer', description: 'An MCP token, pb_mt_…, minted with POST /v1/mcp-tokens' },
};
