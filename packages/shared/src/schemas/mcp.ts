import { z } from 'zod';
import { externalIdSchema, timestampSchema } from './common.js';

/** How long an MCP token lives when `ttlSeconds` is left out: 24 hours. */
export const MCP_TOKEN_DEFAULT_TTL_SECONDS = 24 * 60 * 60;
/** The longest an MCP token may live: 30 days. */
export const MCP_TOKEN_MAX_TTL_SECONDS = 30 * 24 * 60 * 60;

/** An MCP tool name: 1 to 128 letters, digits, `_`, `-` or `.`, as the MCP specification allows. */
export const mcpToolNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'Use 1 to 128 letters, digits and _ - . only');

/** Body of `POST /v1/mcp-tokens`, sent by the vendor's backend with its secret key. */
export const mcpTokenCreateSchema = z.strictObject({
  tenantId: externalIdSchema,
  endUserId: externalIdSchema,
  /** Recorded on the tool calls' events. */
  endUserName: z.string().trim().min(1).max(200).optional(),
  /** Connector ids or slugs whose tools the token may use; all the organization's when left out. */
  connectors: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
  /** Tool names the token may list and call; every tool of its connectors when left out. */
  tools: z.array(mcpToolNameSchema).min(1).max(500).optional(),
  /** Lifetime in seconds: 60 to 2,592,000 (30 days); 86,400 (24 hours) by default. */
  ttlSeconds: z.number().int().min(60).max(MCP_TOKEN_MAX_TTL_SECONDS).default(MCP_TOKEN_DEFAULT_TTL_SECONDS),
});

/** The response of `POST /v1/mcp-tokens`. `token` is shown this once; only its hash is stored. */
export const createdMcpTokenSchema = z.object({
  id: z.string(),
  /** Send as `Authorization: Bearer <token>` to `url`. Starts with `pb_mt_`. */
  token: z.string(),
  /** The MCP server's Streamable HTTP endpoint. */
  url: z.string(),
  expiresAt: timestampSchema,
});

/** An MCP token as `GET /v1/mcp-tokens` lists it: never the token itself. */
export const mcpTokenSchema = z.object({
  id: z.string(),
  /** The token's first characters, to tell tokens apart. */
  prefix: z.string(),
  tenantId: z.string(),
  endUserId: z.string(),
  endUserName: z.string().nullable(),
  /** Connector ids the token is restricted to; null for every connector. */
  connectors: z.array(z.string()).nullable(),
  /** Tool names the token is restricted to; null for every tool. */
  tools: z.array(z.string()).nullable(),
  expiresAt: timestampSchema,
  createdAt: timestampSchema,
});
