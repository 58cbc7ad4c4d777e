import { z } from 'zod';
import { authKindSchema } from './auth-methods.js';
import { timestampSchema } from './common.js';
import { variableValuesSchema } from './variables.js';

/** The life of a connection. */
export const connectionStatusSchema = z.enum(['active', 'needs_reauth', 'error', 'revoked']);

/**
 * Body of `POST /v1/session/connections`. The server picks the id; credentials are
 * checked against the chosen auth method's own schema.
 */
export const connectionCreateSchema = z.strictObject({
  /** The connector's id or slug. */
  connector: z.string().min(1).max(100),
  /** Defaults to the connector's default auth method. */
  authMethodId: z.string().min(1).max(64).optional(),
  label: z.string().trim().min(1).max(100).optional(),
  credentials: z.record(z.string(), z.string().max(8000)).default({}),
  /** Values of the connector's variables (e.g. `{ shop: "acme" }`), each checked against its pattern. */
  variables: variableValuesSchema,
});

/** A connection as a connect session sees it: never any credential. */
export const connectionSchema = z.object({
  id: z.string(),
  connectorId: z.string(),
  connectorSlug: z.string(),
  tenantId: z.string(),
  authMethodId: z.string(),
  authKind: authKindSchema,
  label: z.string(),
  status: connectionStatusSchema,
  /** The end user id that created it. */
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  /** When the OAuth 2.0 access token expires, if known; the server refreshes it before then. */
  tokenExpiresAt: timestampSchema.nullable(),
  /** The values the end user gave the connector's variables: not secret, part of the connection. */
  variables: z.record(z.string(), z.string()),
});

/** A connection as the admin API returns it: credentials masked, e.g. `{ apiKey: "••••••••3f9a" }`. */
export const adminConnectionSchema = connectionSchema.extend({
  maskedCredentials: z.record(z.string(), z.string()),
});

/** What `GET /v1/connections/{id}/credentials` returns to the vendor's backend: usable credentials, refreshed when due. */
export const connectionCredentialsSchema = z.object({
  connectionId: z.string(),
  authKind: authKindSchema,
  /** For OAuth 2.0: `accessToken`, `tokenType`, `expiresAt`, `scope`; for the others, what the end user typed. */
  credentials: z.record(z.string(), z.string()),
  /** The values of the connector's variables, e.g. `{ shop: "acme" }`, to build the same URLs. */
  variables: z.record(z.string(), z.string()),
});

/** Query of `GET /v1/connections`. */
export const connectionListQuerySchema = z.strictObject({
  tenantId: z.string().max(200).optional(),
  connector: z.string().max(100).optional(),
  status: connectionStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Body of `POST /v1/session/oauth/flows`: start connecting through the provider's sign-in page. */
export const oauthFlowCreateSchema = z.strictObject({
  /** The connector's id or slug. */
  connector: z.string().min(1).max(100),
  /** Defaults to the connector's default auth method, which must be OAuth 2.0. */
  authMethodId: z.string().min(1).max(64).optional(),
  label: z.string().trim().min(1).max(100).optional(),
  /** The embedding page's origin: the only origin the callback page reports to. Must be an allowed origin. */
  returnOrigin: z.string().max(300).optional(),
  /**
   * For a full-page redirect instead of a popup: the page to come back to, on an allowed origin. The
   * callback sends the browser there with `#plugboard-flow=<flow id>` so the widget can resume.
   */
  returnTo: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  /** Values of the connector's variables, filled into its authorization and token URLs; ignored on reconnect. */
  variables: variableValuesSchema,
  /** Reconnect: re-authorize this existing connection of the tenant in place instead of creating one. */
  connectionId: z.string().min(1).max(64).optional(),
});

/** Where an OAuth flow stands. The widget polls it; the callback page only says that it changed. */
export const oauthFlowSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'connected', 'failed']),
  /** Present once connected. */
  connection: connectionSchema.nullable(),
  /** Present when failed: a stable code such as `access_denied`, `invalid_state` or `token_exchange_failed`. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  expiresAt: timestampSchema,
});

/** The response of `POST /v1/session/oauth/flows`: open `authorizationUrl` in the popup. */
export const oauthFlowStartSchema = oauthFlowSchema.extend({ authorizationUrl: z.string() });
