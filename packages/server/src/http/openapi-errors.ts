import { ErrorCode } from '@plugboard/shared';
import { ERROR_STATUS } from './error-response.js';
import type { Route, RouteError } from './route.js';

/** The errors an operation can answer with: each status with its codes. */
export type ErrorsByStatus = Map<number, Set<ErrorCode>>;

/** What a route's authentication can answer, from its `auth`. */
function authErrors(route: Pick<Route, 'auth' | 'method'>): RouteError[] {
  const writes = route.method !== 'get';
  switch (route.auth) {
    case 'admin':
      return [ErrorCode.Unauthenticated, ...(writes ? [ErrorCode.CsrfFailed] : [])];
    case 'secretKey':
      return [ErrorCode.Unauthenticated, ErrorCode.Forbidden];
    case 'console':
      return [ErrorCode.Unauthenticated, ...(writes ? [ErrorCode.CsrfFailed] : [])];
    case 'session':
      return [ErrorCode.Unauthenticated, ErrorCode.SessionExpired, ErrorCode.OriginNotAllowed];
    case 'none':
      return [];
  }
}

/** What reading a route's input can answer, from its `body`, `query` and path parameters. */
function inputErrors(route: Pick<Route, 'body' | 'query' | 'path'>): RouteError[] {
  return [
    // A path parameter the database cannot hold (a NUL byte, on PostgreSQL) is refused as invalid input.
    ...(route.path.includes('{') ? [ErrorCode.ValidationFailed] : []),
    ...(route.body
      ? [ErrorCode.InvalidJson, ErrorCode.ValidationFailed, ErrorCode.UnsupportedMediaType, ErrorCode.PayloadTooLarge]
      : []),
    ...(route.query ? [ErrorCode.ValidationFailed] : []),
  ];
}

/**
 * Every error an operation can answer with, grouped by status: those of its authentication and input, derived
 * from its declaration, then the ones its handler declares. `internal_error` is left to the document's shared
 * 500 response.
 */
export function errorsOf(route: Pick<Route, 'auth' | 'method' | 'path' | 'body' | 'query' | 'errors'>): ErrorsByStatus {
  const byStatus: ErrorsByStatus = new Map();
  for (const error of [...authErrors(route), ...inputErrors(route), ...(route.errors ?? [])]) {
    const { status, code } = typeof error === 'string' ? { status: ERROR_STATUS[error], code: error } : error;
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

const REASONS: Record<number, string> = {
  400: 'The request is not valid',
  401: 'No valid credential',
  403: 'The credential may not do this',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'No longer available',
  413: 'The body is too large',
  415: 'The body is not JSON',
  429: 'Too many requests; retry after `Retry-After` seconds',
  502: 'The third party failed',
  503: 'Not ready',
  504: 'The third party did not answer in time',
};

/** The OpenAPI responses of an operation's errors: the `Error` schema, its `code` narrowed to the ones listed. */
export function errorResponses(errors: ErrorsByStatus): Record<string, unknown> {
  return Object.fromEntries(
    [...errors].map(([status, codes]) => {
      const listed = [...codes].sort();
      return [
        String(status),
        {
          description: `${REASONS[status] ?? 'Error'}: ${listed.map((code) => `\`${code}\``).join(', ')}`,
          ...(status === 429 ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/Error' },
                  {
                    type: 'object',
                    properties: { error: { type: 'object', properties: { code: { type: 'string', enum: listed } } } },
                  },
                ],
              },
            },
          },
        },
      ];
    }),
  );
}
