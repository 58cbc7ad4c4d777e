import { z } from 'zod';
import { externalIdSchema, idSchema, parseUrl, timestampSchema } from './common.js';

/** The longest a connect link lives: 30 days. */
export const CONNECT_LINK_MAX_TTL_SECONDS = 30 * 24 * 60 * 60;

/** Body of `POST /v1/connect-links`, sent by the vendor's backend with its secret key. */
export const connectLinkCreateSchema = z.strictObject({
  tenantId: externalIdSchema,
  endUserId: externalIdSchema,
  /** Shown on the page and recorded on connections. */
  endUserName: z.string().trim().min(1).max(200).optional(),
  /** Slugs (or ids) of the connectors the page offers; all the organization's when left out. */
  connectors: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
  /** Where the page's "back" button goes: a page on one of the organization's allowed origins. */
  returnUrl: z
    .string()
    .max(2048)
    .refine((value) => {
      const url = parseUrl(value);
      return url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:');
    }, 'Must be an http:// or https:// URL')
    .optional(),
  /** Lifetime in seconds: 60 to 2,592,000 (30 days); 604,800 (7 days) by default. */
  ttlSeconds: z.number().int().min(60).max(CONNECT_LINK_MAX_TTL_SECONDS).default(604_800),
});

/** The response of `POST /v1/connect-links`. `url` carries the link's token: hand it to the end user only. */
export const connectLinkSchema = z.object({
  id: z.string(),
  url: z.string(),
  expiresAt: timestampSchema,
});

/** A connect link as `GET /v1/connect-links` lists it: never its URL or token. */
export const connectLinkInfoSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  endUserId: z.string(),
  connectors: z.array(z.string()).nullable(),
  returnUrl: z.string().nullable(),
  /** How many times the page exchanged the link for a connect session. */
  opens: z.number().int(),
  expiresAt: timestampSchema,
  revokedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});

/** Body of `POST /v1/connect-links/exchange`: what the hosted page read from its address. */
export const connectLinkExchangeSchema = z.strictObject({
  token: z.string().min(1).max(200),
});

/** What the hosted page gets for a link's token: a connect session and what to show around the widget. */
export const connectLinkSessionSchema = z.object({
  sessionToken: z.string(),
  expiresAt: timestampSchema,
  organization: z.object({ id: idSchema, name: z.string() }),
  endUserName: z.string().nullable(),
  returnUrl: z.string().nullable(),
});
