import { z } from 'zod';
import { timestampSchema } from './common.js';

const providerSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use lowercase letters, digits, dots, dashes and underscores, e.g. "hubspot"');

/**
 * Body of `POST /v1/oauth-apps`: an OAuth client the organization registered once at a provider, which
 * any of its connectors can use instead of bringing their own.
 */
export const oauthAppCreateSchema = z.strictObject({
  /** Which provider the app is registered with, e.g. `hubspot`. */
  provider: providerSchema,
  clientId: z.string().min(1).max(500),
  /** Write-only: stored encrypted, never returned. */
  clientSecret: z.string().min(1).max(2000),
  /** Scopes used by connectors that name none. */
  defaultScopes: z.array(z.string().min(1).max(200)).max(100).default([]),
});

/** Body of `PATCH /v1/oauth-apps/{id}`. */
export const oauthAppUpdateSchema = z.strictObject({
  clientId: z.string().min(1).max(500).optional(),
  clientSecret: z.string().min(1).max(2000).optional(),
  defaultScopes: z.array(z.string().min(1).max(200)).max(100).optional(),
});

/** A managed OAuth app as the admin API returns it: never its secret. */
export const oauthAppSchema = z.object({
  id: z.string(),
  provider: z.string(),
  clientId: z.string(),
  defaultScopes: z.array(z.string()),
  /** Connectors whose OAuth method uses this app. */
  usedBy: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
