import { z } from 'zod';
import { externalIdSchema, originSchema, timestampSchema } from './common.js';
import { connectorCardSchema } from './connectors.js';

/** Body of `POST /v1/connect-sessions`, sent by the vendor's backend with its secret key. */
export const connectSessionCreateSchema = z.strictObject({
  tenantId: externalIdSchema,
  endUserId: externalIdSchema,
  /** Shown in the widget and recorded on connections. */
  endUserName: z.string().trim().min(1).max(200).optional(),
  /** Connector ids or slugs the session may use; all the organization's when left out. */
  allowedConnectors: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
  /** Narrows the organization's allowed origins for this session. */
  allowedOrigins: z.array(originSchema).min(1).max(20).optional(),
  /** Lifetime in seconds: 60 to 86,400; 1,800 (30 minutes) by default. */
  ttlSeconds: z.number().int().min(60).max(86_400).default(1800),
});

/** The response of `POST /v1/connect-sessions`. `token` is shown this once; only its hash is stored. */
export const connectSessionSchema = z.object({
  id: z.string(),
  token: z.string(),
  tenantId: z.string(),
  endUserId: z.string(),
  allowedConnectors: z.array(z.string()).nullable(),
  allowedOrigins: z.array(z.string()).nullable(),
  expiresAt: timestampSchema,
});

/** What `GET /v1/session` tells the widget about its own session. */
export const sessionInfoSchema = z.object({
  organization: z.object({ id: z.string(), name: z.string() }),
  tenantId: z.string(),
  endUserId: z.string(),
  endUserName: z.string().nullable(),
  expiresAt: timestampSchema,
});

/**
 * What `GET /v1/session/bootstrap` returns: everything the widget's first paint needs, in one request. A vendor's
 * backend may fetch it with the session it just minted and pass it to `<plugboard-connect>` with the page, so the
 * cards paint without waiting on the network.
 */
export const sessionBootstrapSchema = z.object({
  session: sessionInfoSchema,
  /** The session's connector cards, sorted by name, as `GET /v1/session/connectors` lists them. */
  connectors: z.array(connectorCardSchema),
});
