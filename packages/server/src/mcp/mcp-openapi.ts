import type { buildOpenApiDocument } from '../http/openapi.js';
import { MCP_PATH } from '../routes/mcp-tokens.js';

type Document = ReturnType<typeof buildOpenApiDocument>;

const unauthenticated = {
  description:
    'No valid MCP token or secret key; `WWW-Authenticate: Bearer realm="plugboard"` says why (error="invalid_token" for a revoked, expired or unknown one)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const operation = (summary: string) => ({
  tags: ['MCP'],
  summary,
  description:
    "The Model Context Protocol over Streamable HTTP (revision 2026-07-28; 2025-era clients are served statelessly too). Tools are the actions of the tenant's active connections, named `<connector slug>_<action key>`, plus `plugboard_list_connections` and `plugboard_connect`. Failed calls are tool results with `isError` and `structuredContent.error.code`. See docs/mcp.md.",
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
  responses: {
    200: { description: 'A JSON-RPC response, as JSON or as a server-sent event stream' },
    202: { description: 'A notification was accepted' },
    400: { description: 'A bad Plugboard-Tenant-Id header, or a malformed MCP request' },
    401: unauthenticated,
  },
});

/** Adds the MCP endpoint, which the SDK serves rather than a declared route, to the OpenAPI document. */
export function withMcpEndpoint(document: Document): Document {
  document.paths[MCP_PATH] = { post: operation('MCP requests: list and call the tenant’s tools') };
  Object.assign(document.components.securitySchemes, {
    mcpToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'An MCP token, pb_mt_…, minted with POST /v1/mcp-tokens',
    },
  });
  return document;
}
