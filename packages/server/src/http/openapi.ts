import { errorBodySchema } from '@plugboard/shared';
import type { z } from 'zod';
import { errorResponses, errorsOf } from './openapi-errors.js';
import { ComponentSchemas, type SchemaObject } from './openapi-schemas.js';
import type { Route, RouteError } from './route.js';

/** The OpenAPI methods an endpoint described by hand may use. */
export type OpenApiMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch';

/**
 * An endpoint served outside the declared routes (a sub-app such as MCP, or a wildcard route such as the
 * streaming proxy `ANY /v1/proxy/*`), described by hand. Its errors go through the same derivation as a
 * route's: list the codes, and the document gives each its status and the `Error` schema. Pass it to
 * {@link buildOpenApiDocument} in `endpoints`.
 */
export interface EndpointDescription {
  path: string;
  /** One operation per method; each gets `operationId` with the method appended when there are several. */
  methods: readonly OpenApiMethod[];
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  /** Security requirement objects, e.g. `[{ mcpToken: [] }, { secretKey: [] }]`. */
  security: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  /** The successful responses, by status. */
  responses: Record<string, unknown>;
  errors: readonly RouteError[];
}

/** What the document says beyond its routes. */
export interface OpenApiOptions {
  /** The server's public URL, the document's `servers` entry; a relative `/` without it. */
  publicUrl?: string | undefined;
  /** Endpoints that are not declared routes: MCP, the streaming proxy. */
  endpoints?: readonly EndpointDescription[];
  /** Security schemes those endpoints add. */
  securitySchemes?: Record<string, unknown>;
}

const security = {
  admin: [{ secretKey: [] }, { consoleSession: [] }],
  secretKey: [{ secretKey: [] }],
  console: [{ consoleSession: [] }],
  session: [{ sessionToken: [] }],
  none: [],
};

const TAGS: Record<string, string> = {
  Organization: 'The organization: its settings, console members, secret keys and tenants',
  Connectors: 'Connectors: the third-party APIs your customers can connect, with their auth methods and actions',
  Connections: "Connections: a tenant's credentials for one connector, encrypted at rest",
  'Connect sessions': 'Short-lived tokens that let the widget act for one tenant and end user',
  Session: 'What the widget calls with a connect session token',
  OAuth: 'The OAuth 2.0 redirect URI',
  'OAuth apps': 'Managed OAuth apps that connectors can share',
  Actions: "Running connector actions and proxying requests with a connection's credentials",
  Events: 'Webhook endpoints, deliveries and inbound webhook URLs',
  'Connect links': 'Hosted connect pages for end users outside your app',
  Console: 'The admin console’s own sign-in',
  Agent: 'Build with AI: the connector agent',
  MCP: 'The MCP server and its tokens',
  Logs: 'The per-tenant call log: every call to and from third-party APIs',
};

const internalError = { $ref: '#/components/responses/InternalError' };

function parameters(route: Route, schemas: ComponentSchemas) {
  const path = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query ? schemas.inline(route.query as z.ZodType, 'input') : undefined;
  const required = new Set((query?.required ?? []) as string[]);
  const queryParams = Object.entries((query?.properties ?? {}) as Record<string, SchemaObject>).map(
    ([name, schema]) => ({
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      schema,
    }),
  );
  const headers = (route.headers ?? []).map(({ name, description, required }) => ({
    name,
    in: 'header',
    required,
    description,
    schema: { type: 'string' },
  }));
  return [...path, ...headers, ...queryParams];
}

function requestBody(route: Route, schemas: ComponentSchemas) {
  if (route.body)
    return {
      required: true,
      content: { 'application/json': { schema: schemas.reference(route.body as z.ZodType, 'input') } },
    };
  if (route.accepts)
    return { required: false, content: { [route.accepts]: { schema: { type: 'string', format: 'binary' } } } };
  return undefined;
}

function success(route: Route, schemas: ComponentSchemas) {
  if (route.response)
    return {
      description: 'Success',
      content: { 'application/json': { schema: schemas.reference(route.response, 'output') } },
    };
  if (route.produces) return { description: 'Success', content: { [route.produces]: { schema: { type: 'string' } } } };
  return { description: 'No content' };
}

function operation(route: Route, schemas: ComponentSchemas) {
  const pages = Object.entries(route.alsoAnswers ?? {}).map(([status, description]) => [
    status,
    { description, content: { [route.produces ?? 'application/json']: { schema: { type: 'string' } } } },
  ]);
  const body = requestBody(route, schemas);
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
    security: security[route.auth],
    parameters: parameters(route, schemas),
    ...(body ? { requestBody: body } : {}),
    responses: {
      [route.status]: success(route, schemas),
      ...Object.fromEntries(pages),
      ...errorResponses(errorsOf(route)),
      500: internalError,
    },
  };
}

function endpointOperations(endpoint: EndpointDescription) {
  const errors = errorResponses(
    errorsOf({ auth: 'none', method: 'post', path: endpoint.path, errors: endpoint.errors }),
  );
  return Object.fromEntries(
    endpoint.methods.map((method) => [
      method,
      {
        operationId:
          endpoint.methods.length > 1
            ? `${endpoint.operationId}${method.replace(/^./, (first) => first.toUpperCase())}`
            : endpoint.operationId,
        summary: endpoint.summary,
        description: endpoint.description,
        tags: [endpoint.tag],
        security: endpoint.security,
        ...(endpoint.parameters ? { parameters: endpoint.parameters } : {}),
        ...(endpoint.requestBody && method !== 'get' ? { requestBody: endpoint.requestBody } : {}),
        responses: { ...endpoint.responses, ...errors, 500: internalError },
      },
    ]),
  );
}

/**
 * Builds the OpenAPI 3.1 document of a list of routes and of the endpoints described beside them: an
 * `operationId`, summary and description on every operation, each error status with the codes it can carry,
 * and the schemas of `@plugboard/shared` as named components.
 */
export function buildOpenApiDocument(routes: readonly Route[], options: OpenApiOptions = {}) {
  const schemas = new ComponentSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation(route, schemas);
  }
  for (const endpoint of options.endpoints ?? []) {
    paths[endpoint.path] = { ...paths[endpoint.path], ...endpointOperations(endpoint) };
  }
  const tags = [...new Set([...routes, ...(options.endpoints ?? [])].map((route) => route.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plugboard API',
      version: '1.0.0',
      description:
        'Admin routes take a secret key or the console session cookie (with x-plugboard-csrf on writes); routes that hand out secrets take a secret key only; /v1/console routes take the console cookie; /v1/session routes take a connect session token. Every error is a JSON `Error` whose `code` is one of those its response lists.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.publicUrl ?? '/', description: 'This Plugboard server' }],
    tags: tags.map((name) => ({ name, description: TAGS[name] ?? name })),
    paths: schemas.resolve(paths),
    components: {
      schemas: { ...schemas.components(), Error: schemas.inline(errorBodySchema, 'output') },
      responses: {
        InternalError: {
          description: 'Something failed on the server: `internal_error`',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      headers: {
        RetryAfter: { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
      },
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: 'An organization secret key, pb_sk_…' },
        sessionToken: { type: 'http', scheme: 'bearer', description: 'A connect session token, pb_cs_…' },
        consoleSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'plugboard_console',
          description:
            'The console session cookie set by POST /v1/console/sign-in; POST, PATCH and DELETE also need its CSRF token in x-plugboard-csrf',
        },
        ...options.securitySchemes,
      },
    },
  };
}
