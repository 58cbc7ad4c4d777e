import { z } from 'zod';
import { externalIdSchema } from './common.js';

/** Query of `GET /v1/mcp-tokens/preview`. */
export const mcpToolPreviewQuerySchema = z.strictObject({ tenantId: externalIdSchema });

/** One MCP tool a tenant would get, as the console previews it. */
export const mcpToolPreviewSchema = z.object({
  /** `<connector slug>_<action key>`. */
  name: z.string(),
  description: z.string(),
  /** The connector's slug. */
  connector: z.string(),
  /** True for GET actions, as the MCP tool's readOnlyHint. */
  readOnly: z.boolean(),
});
