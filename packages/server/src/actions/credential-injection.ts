import type { AuthMethod } from '@plugboard/shared';
import type { CustomAuthHandler } from '../custom-auth/handler.js';
import type { BuiltRequest } from './action-request.js';

/** Which headers and query parameters carry credentials: stripped on cross-origin redirects, masked in results. */
export interface InjectedCredentials {
  headers: string[];
  query: string[];
}

/** What injection needs: the connection's method, its usable credentials, and the custom handler if any. */
export interface CredentialSource {
  method: AuthMethod;
  values: Record<string, string>;
  handler?: CustomAuthHandler | undefined;
}

/**
 * Puts a connection's credentials on a request, the way its auth method says: Basic or Bearer
 * `Authorization`, an API key header or query parameter, the OAuth 2.0 access token as a Bearer token, or
 * whatever a custom handler's `apply` sets. Returns the names it set so they can be stripped and masked.
 * Call it only for a URL on the connector's own API (see {@link joinApiPath}).
 *
 * @throws Error when a custom handler moves the request to another origin
 */
export function injectCredentials(request: BuiltRequest, source: CredentialSource): InjectedCredentials {
  const { method, values } = source;
  const set = (name: string, value: string): InjectedCredentials => {
    request.headers[name.toLowerCase()] = value;
    return { headers: [name.toLowerCase()], query: [] };
  };
  switch (method.kind) {
    case 'basic':
      return set(
        'authorization',
        `Basic ${Buffer.from(`${values.username ?? ''}:${values.password ?? ''}`).toString('base64')}`,
      );
    case 'bearer':
      return set('authorization', `Bearer ${values.token ?? ''}`);
    case 'oauth2':
      return set('authorization', `Bearer ${values.accessToken ?? ''}`);
    case 'apiKey':
      if (method.in === 'query') {
        request.url.searchParams.set(method.name, values.apiKey ?? '');
        return { headers: [], query: [method.name] };
      }
      return set(method.name, values.apiKey ?? '');
    case 'custom':
      return source.handler ? applyCustom(request, source.handler, values) : { headers: [], query: [] };
    default:
      return { headers: [], query: [] };
  }
}

function applyCustom(
  request: BuiltRequest,
  handler: CustomAuthHandler,
  values: Record<string, string>,
): InjectedCredentials {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  handler.apply({ url, headers }, values);
  if (url.origin !== request.url.origin) throw new Error("A custom auth handler may not change the request's origin");
  const injected: InjectedCredentials = { headers: [], query: [] };
  headers.forEach((value, name) => {
    if (request.headers[name] !== value) injected.headers.push(name);
    request.headers[name] = value;
  });
  for (const name of new Set(url.searchParams.keys())) {
    if (url.searchParams.getAll(name).join('\n') !== request.url.searchParams.getAll(name).join('\n')) {
      injected.query.push(name);
    }
  }
  request.url = url;
  return injected;
}
