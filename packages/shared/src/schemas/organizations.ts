import { z } from 'zod';
import { externalIdSchema, originSchema, timestampSchema } from './common.js';

/** An organization: the vendor's account. */
export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  createdAt: timestampSchema,
});

/** Body of `PATCH /v1/organization`. */
export const organizationUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  allowedOrigins: z.array(originSchema).max(50).optional(),
});

/** A member of the organization's team. */
export const memberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** The member's id in the vendor's own system; matches a connect session's `endUserId`. */
  externalId: z.string().nullable(),
  createdAt: timestampSchema,
});

/** Body of `POST /v1/members`. */
export const memberCreateSchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  externalId: externalIdSchema.optional(),
});

/** A secret API key, without its secret. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, to tell keys apart, e.g. `pb_sk_3kF9`. */
  prefix: z.string(),
  createdAt: timestampSchema,
  /** When the key last authenticated a request, to the minute: a use within a minute of the last one is not recorded. */
  lastUsedAt: timestampSchema.nullable(),
});

/** Body of `POST /v1/api-keys`. */
export const apiKeyCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** The response of `POST /v1/api-keys`: the only time the secret is shown. */
export const createdApiKeySchema = apiKeySchema.extend({ secret: z.string() });

/** A tenant: one of the vendor's customers, known by the vendor's own id. */
export const tenantSchema = z.object({
  id: z.string(),
  connectionCount: z.number().int(),
  createdAt: timestampSchema,
});
