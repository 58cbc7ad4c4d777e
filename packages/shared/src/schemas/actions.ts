import { z } from 'zod';
import { MAX_SCOPES } from './auth-methods.js';
import { idSchema, parseUrl, timestampSchema, urlTemplateSchema } from './common.js';

/** HTTP methods an action or a proxy call may use. */
export const ACTION_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One of {@link ACTION_METHODS}. */
export const actionMethodSchema = z.enum(ACTION_METHODS);

/** Where an input property goes in the request. */
export const inputLocationSchema = z.enum(['path', 'query', 'header', 'body']);

/** Any JSON Schema document, kept as given. Only the subset the server's validator knows is enforced. */
export const jsonSchemaSchema = z.record(z.string(), z.unknown());

/**
 * How a parameter value is serialized, as OpenAPI's `style` says: `form`, `spaceDelimited`, `pipeDelimited` and
 * `deepObject` in the query (and form bodies), `simple`, `label` and `matrix` in the path, `simple` in headers.
 */
export const inputStyleSchema = z.enum([
  'form',
  'spaceDelimited',
  'pipeDelimited',
  'deepObject',
  'simple',
  'label',
  'matrix',
]);

/** How an action's body fields are sent: a JSON object, a form (`a[b]=` for nested objects) or multipart parts. */
export const inputContentTypeSchema = z.enum([
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
]);

/**
 * One property of an action's input: a JSON Schema with `x-in` saying where it goes and, when the wire differs
 * from the defaults, how: `x-name` (the name on the wire, when the property is named otherwise, e.g. a body
 * field that shares its name with a query parameter), `x-style` and `x-explode` (OpenAPI's `style` and
 * `explode`).
 */
export const inputPropertySchema = z.looseObject({
  'x-in': inputLocationSchema.optional(),
  'x-name': z.string().min(1).max(200).optional(),
  'x-style': inputStyleSchema.optional(),
  'x-explode': z.boolean().optional(),
});

/** An action's input: a JSON Schema object whose properties each say where they go (`x-in`). */
export const actionInputSchema = z.looseObject({
  type: z.literal('object').default('object'),
  properties: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/), inputPropertySchema).default({}),
  required: z.array(z.string()).optional(),
  additionalProperties: z.boolean().optional(),
  /** How the body fields are sent. @default 'application/json' */
  'x-content-type': inputContentTypeSchema.optional(),
});

/** An action key: lowercase letters, digits, dots, dashes and underscores, unique per connector. */
export const actionKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{0,63}$/, 'Use up to 64 lowercase letters, digits, dots, dashes and underscores');

/** A path template such as `/v3/contacts/{id}`: relative to the connector's API base URL. */
export const actionPathSchema = z
  .string()
  .max(2048)
  .regex(/^\/(?![/\\])[^\s?#\\]*$/, 'Must start with a single / and hold no spaces, ?, # or backslashes');

/** One call a connector offers on its third-party API. */
export const actionDefinitionSchema = z
  .strictObject({
    key: actionKeySchema,
    name: z.string().trim().min(1).max(100),
    description: z.string().max(1000).default(''),
    method: actionMethodSchema,
    path: actionPathSchema,
    input: actionInputSchema.default({ type: 'object', properties: {} }),
    response: jsonSchemaSchema.optional(),
    /** Marks the action `POST /v1/connections/{id}/test` runs to check credentials. */
    verify: z.boolean().optional(),
    /** The OAuth 2.0 scopes the operation needs, as its spec says: for review and for picking a method's scopes. */
    scopes: z.array(z.string().min(1).max(200)).max(MAX_SCOPES).optional(),
  })
  .superRefine((action, ctx) => {
    const placeholders = [...action.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
    for (const name of placeholders) {
      const property = action.input.properties[name];
      if (property?.['x-in'] !== 'path') {
        ctx.addIssue({
          code: 'custom',
          path: ['path'],
          message: `{${name}} needs an input property with "x-in": "path"`,
        });
      }
    }
  });

/**
 * How many actions one connector holds: room for every operation of the largest published APIs (a code-hosting
 * API has 1,223), so a spec is never cut without the member choosing.
 */
export const MAX_CONNECTOR_ACTIONS = 2000;

/** The actions of a connector: keys unique, at most one marked `verify`, at most {@link MAX_CONNECTOR_ACTIONS}. */
export const actionListSchema = z
  .array(actionDefinitionSchema)
  .max(MAX_CONNECTOR_ACTIONS, `A connector holds at most ${MAX_CONNECTOR_ACTIONS} actions`)
  .superRefine((actions, ctx) => {
    const seen = new Set<string>();
    for (const [index, action] of actions.entries()) {
      if (seen.has(action.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: 'Keys must be unique' });
      seen.add(action.key);
    }
    if (actions.filter((action) => action.verify).length > 1) {
      ctx.addIssue({ code: 'custom', message: 'Mark only one action as verify' });
    }
  });

const plainApiBaseUrl = z
  // `abort`: a value that is not a URL gets this one issue, not a second one from the refinement.
  .url({ protocol: /^https?$/, error: 'Must be an http(s) URL', abort: true })
  .max(2048)
  .refine((value) => {
    const url = parseUrl(value);
    return url !== undefined && !url.username && !url.password && !url.search && !url.hash;
  }, 'Must not hold a user name, password, query or fragment');

/**
 * The base URL actions are sent to: http(s), no user info, query or fragment. It may hold `{name}` placeholders
 * of the connector's variables, e.g. `https://{shop}.myshopify.com/admin/api/2025-10`.
 */
export const apiBaseUrlSchema = urlTemplateSchema(plainApiBaseUrl);

/** Body of `POST /v1/actions/run`. */
export const actionRunSchema = z.strictObject({
  connectionId: idSchema,
  action: actionKeySchema,
  input: z.record(z.string(), z.unknown()).optional(),
});

const headerRecord = z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/), z.string().max(8192));

/** Body of `POST /v1/proxy`: any path under the connector's API base URL. */
export const proxyRequestSchema = z.strictObject({
  connectionId: idSchema,
  method: actionMethodSchema,
  path: z.string().min(1).max(2048),
  query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  headers: headerRecord.optional(),
  body: z.unknown().optional(),
});

/** Body of `POST /v1/connectors/{id}/actions/{key}/test`. */
export const actionTestRunSchema = z.strictObject({
  connectionId: idSchema,
  input: z.record(z.string(), z.unknown()).optional(),
});

/** What a call to the third party returned, with the request as sent (secrets masked). */
export const actionResultSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  /** Parsed JSON when the response is JSON, else its text. */
  body: z.unknown(),
  durationMs: z.number(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
  }),
});

/** The outcome of an action's last test. */
export const actionTestSchema = z.object({
  /** True for a 2xx answer. */
  passed: z.boolean(),
  status: z.number().int(),
  at: timestampSchema,
  latencyMs: z.number(),
});

/** An action as `GET /v1/connectors/{id}/actions` lists it, with the viewer's last test. */
export const connectorActionSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  method: actionMethodSchema,
  path: z.string(),
  input: z.record(z.string(), z.unknown()),
  response: z.record(z.string(), z.unknown()).optional(),
  verify: z.boolean().optional(),
  scopes: z.array(z.string()).optional(),
  lastTest: actionTestSchema.nullable(),
});

/** The answer of `POST /v1/connectors/{id}/actions/{key}/test`. */
export const actionTestResultSchema = actionTestSchema.extend({ result: actionResultSchema });
