import { errorBodySchema } from '@plugboard/shared';
import { z } from 'zod';
import type { Route } from './route.js';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const security = {
  admin: [{ secretKey: [] }, { consoleSession: [] }],
  secretKey: [{ secretKey: [] }],
  console: [{ consoleSession: [] }],
  session: [{ sessionToken: [] }],
  none: [],
};

function operation(route: Route) {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query ? jsonSchema(route.query as z.ZodType, 'input') : undefined;
  const queryParams = Object.entries((query?.properties ?? {}) as Record<string, object>).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));
  const error = {
    description: 'Error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const headerParams = (route.headers ?? []).map(({ name, description, required }) => ({
    name,
    in: 'header',
    required,
    description,
    schema: { type: 'string' },
  }));
  const requestBody = route.body
    ? {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body as z.ZodType, 'input') } },
      }
    : route.accepts
      ? { required: false, content: { [route.accepts]: { schema: { type: 'string', format: 'binary' } } } }
      : undefined;
  return {
    summary: route.summary,
    tags: [route.tag],
    security: security[route.auth],
    parameters: [...params, ...headerParams, ...queryParams],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [route.status]: route.response
        ? { description: 'Success', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
        : route.produces
          ? { description: 'Success', content: { [route.produces]: { schema: { type: 'string' } } } }
          : { description: 'No content' },
      '4XX': error,
    },
  };
}

/** Builds the OpenAPI 3.1 document of a list of routes. */
export function buildOpenApiDocument(routes: readonly Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plugboard API',
      version: '1.0.0',
      description:
        'Admin routes take a secret key or the console session cookie (with x-plugboard-csrf on writes); routes that hand out secrets take a secret key only; /v1/console routes take the console cookie; /v1/session routes take a connect session token.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
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
      },
    },
  };
}
