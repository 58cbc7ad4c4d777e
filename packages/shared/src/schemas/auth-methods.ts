import { z } from 'zod';
import { urlTemplateSchema } from './common.js';

/** The six ways a connector can authenticate against its third-party API. */
export const AUTH_KINDS = ['none', 'basic', 'bearer', 'apiKey', 'oauth2', 'custom'] as const;

/** One of {@link AUTH_KINDS}. */
export const authKindSchema = z.enum(AUTH_KINDS);

const common = {
  /** Shown to end users when a connector offers several methods, e.g. "Personal access token". */
  label: z.string().min(1).max(80).optional(),
  /** Exactly one method of a connector is the default; when none is marked, the first one is. */
  isDefault: z.boolean().optional(),
};

const noneInput = z.strictObject({ kind: z.literal('none'), ...common });
const basicInput = z.strictObject({ kind: z.literal('basic'), ...common });
const bearerInput = z.strictObject({ kind: z.literal('bearer'), ...common });
const apiKeyInput = z.strictObject({
  kind: z.literal('apiKey'),
  ...common,
  /** Where the key travels: a request header (default) or a query parameter. */
  in: z.enum(['header', 'query']).default('header'),
  /** The header or query parameter name, e.g. `X-API-Key` or `api_key`. */
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'Must be a valid header or parameter name')
    .default('X-API-Key'),
  /** Text put before the key, e.g. `Token ` for `Authorization: Token <key>`. */
  prefix: z.string().max(40).optional(),
});
/** An OAuth endpoint; it may hold `{name}` placeholders of the connector's variables. */
const oauthUrl = urlTemplateSchema(z.url({ protocol: /^https?$/ }).max(2048));
/** How many scopes an OAuth 2.0 method offers: every scope of the largest published specs (one has 183). */
export const MAX_SCOPES = 500;

const oauthParams = z.record(z.string().min(1).max(100), z.string().max(2000)).default({});

const oauth2Input = z.strictObject({
  kind: z.literal('oauth2'),
  ...common,
  authorizationUrl: oauthUrl,
  tokenUrl: oauthUrl,
  /** RFC 7009 endpoint used when a connection is removed. */
  revocationUrl: oauthUrl.optional(),
  scopes: z.array(z.string().min(1).max(200)).max(MAX_SCOPES).default([]),
  scopeSeparator: z.string().min(1).max(3).default(' '),
  /**
   * PKCE with S256 is always on (OAuth 2.1, RFC 9700): the field is only accepted as `true`, for clients
   * that send it; `false` is refused.
   */
  pkce: z
    .literal(true, { error: 'PKCE (S256) is always on for OAuth 2.0 connectors and cannot be turned off' })
    .default(true),
  /** The provider's issuer identifier; when set, the `iss` of every authorization response must equal it (RFC 9207). */
  issuer: z.url().max(2048).optional(),
  /** How the client authenticates at the token endpoint. */
  tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
  /** Extra parameters for the authorization request, e.g. `{ "access_type": "offline" }`. */
  authorizationParams: oauthParams,
  /** Extra parameters for token requests. */
  tokenParams: oauthParams,
  /** The connector's own OAuth app: its client ID and (write-only) secret. */
  clientId: z.string().min(1).max(500).optional(),
  /** Write-only: stored encrypted, never returned. */
  clientSecret: z.string().min(1).max(2000).optional(),
  /** Or one of the organization's managed OAuth apps instead of an app of its own. */
  managedAppId: z.string().min(1).max(64).optional(),
});
const customInput = z.strictObject({
  kind: z.literal('custom'),
  ...common,
  /** Name of a custom auth handler registered in the server's configuration. */
  handler: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-zA-Z0-9._-]+$/),
});

/** An auth method as sent when creating or updating a connector. */
export const authMethodInputSchema = z.discriminatedUnion('kind', [
  noneInput,
  basicInput,
  bearerInput,
  apiKeyInput,
  oauth2Input,
  customInput,
]);

/** An auth method as stored and returned: the input plus its server id and a resolved default flag. */
export const authMethodSchema = z.discriminatedUnion('kind', [
  noneInput.extend({ id: z.string(), isDefault: z.boolean() }),
  basicInput.extend({ id: z.string(), isDefault: z.boolean() }),
  bearerInput.extend({ id: z.string(), isDefault: z.boolean() }),
  apiKeyInput.extend({ id: z.string(), isDefault: z.boolean() }),
  oauth2Input.omit({ clientSecret: true }).extend({
    id: z.string(),
    isDefault: z.boolean(),
    /** Whether a client secret is stored; the secret itself is never returned. */
    hasClientSecret: z.boolean(),
  }),
  customInput.extend({ id: z.string(), isDefault: z.boolean() }),
]);

/** One field of a custom auth handler's form. */
export const customAuthFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  /** Secret fields are masked while typed and in admin views. */
  secret: z.boolean(),
  type: z.enum(['text', 'email', 'url', 'password']).optional(),
  /** A regular expression the whole value must match. */
  pattern: z.string().optional(),
  placeholder: z.string().optional(),
  hint: z.string().optional(),
});

/**
 * What the widget needs to draw an auth form: no URLs, no client ids, nothing it could leak.
 */
export const publicAuthMethodSchema = z.object({
  id: z.string(),
  kind: authKindSchema,
  label: z.string(),
  isDefault: z.boolean(),
  /** For `apiKey`: where the key goes, so the form can say so. */
  in: z.enum(['header', 'query']).optional(),
  name: z.string().optional(),
  /** For `custom`: the fields its handler asks for. */
  fields: z.array(customAuthFieldSchema).optional(),
});

/** Credentials an end user types, per auth kind. Every value is a secret except `username`. */
export const credentialInputSchemas = {
  none: z.strictObject({}),
  basic: z.strictObject({
    username: z.string().min(1, 'Enter a username').max(500),
    password: z.string().min(1, 'Enter a password').max(2000),
  }),
  bearer: z.strictObject({ token: z.string().min(1, 'Enter a token').max(8000) }),
  apiKey: z.strictObject({ apiKey: z.string().min(1, 'Enter an API key').max(8000) }),
} as const;

/** Auth kinds whose credentials an end user can type into a form today. */
export type FormAuthKind = keyof typeof credentialInputSchemas;

/** Whether an auth kind connects through a plain form (as opposed to a redirect flow). */
export function isFormAuthKind(kind: string): kind is FormAuthKind {
  return Object.hasOwn(credentialInputSchemas, kind);
}

/** The default label for each kind, used when a method has none. */
export const AUTH_KIND_LABELS: Record<z.infer<typeof authKindSchema>, string> = {
  none: 'No authentication',
  basic: 'Username and password',
  bearer: 'Bearer token',
  apiKey: 'API key',
  oauth2: 'OAuth 2.0',
  custom: 'Custom',
};
