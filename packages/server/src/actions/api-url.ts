import { ErrorCode } from '@plugboard/shared';
import { fillConnectorUrl } from '../services/connection-variables.js';
import { DomainError } from '../services/domain-error.js';
import type { ConnectorRecord } from '../storage/store.js';

/**
 * The base URL a connector's actions go to: its `apiBaseUrl` with the connection's variable values filled in,
 * else `https://api.<domain>`.
 * @throws DomainError when the connector has neither; conflict when the connection lacks a variable's value
 */
export function apiBaseOf(connector: ConnectorRecord, variables?: Readonly<Record<string, string>>): URL {
  if (connector.apiBaseUrl) return new URL(fillConnectorUrl(connector.apiBaseUrl, variables));
  if (connector.domain) return new URL(`https://api.${connector.domain}`);
  throw DomainError.validation(
    [{ path: 'apiBaseUrl', message: `${connector.name} has no API base URL and no domain to derive one from` }],
    'The connector cannot run actions',
  );
}

const notAllowed = (path: string, why: string) =>
  new DomainError(ErrorCode.PathNotAllowed, `The path ${JSON.stringify(path.slice(0, 200))} is not allowed: ${why}`);

/** Percent-decodes until stable (at most 3 rounds), so `%252F%252F` is judged as `//`. */
function decoded(path: string): string {
  let current = path;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * Joins a caller's path (and any `?query` on it) to the connector's base URL. The path can only add to the
 * base URL's path: one that would change the scheme, host or port (`//evil.com`, `https://evil.com`,
 * `@evil.com`, `\\evil.com`, their percent-encoded spellings) or climb out with `..` is refused.
 *
 * @param options - `encoded`: the path is an action template filled with encoded values; judge it as it is
 * @throws DomainError path_not_allowed
 */
export function joinApiPath(base: URL, rawPath: string, options: { encoded?: boolean } = {}): URL {
  const [path = '', query] = rawPath.split(/\?(.*)/s, 2);
  // A filled action template holds values encoded by us: judged as sent, so `a%2Fb` stays one segment.
  const plain = options.encoded ? path : decoded(path);
  if (!plain.startsWith('/')) throw notAllowed(rawPath, 'it must start with /');
  if (/^\/[/\\]/.test(plain) || plain.includes('\\')) throw notAllowed(rawPath, 'it would change the host');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\s\u0000-\u001f\u007f#]/.test(plain)) throw notAllowed(rawPath, 'it holds whitespace, control characters or #');
  if (plain.split('/').some((segment) => segment === '..' || segment === '.'))
    throw notAllowed(rawPath, 'it holds . or .. segments');
  const url = new URL(base);
  url.pathname = `${base.pathname.replace(/\/$/, '')}${path}`;
  if (query) for (const [name, value] of new URLSearchParams(query)) url.searchParams.append(name, value);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname.replace(/\/$/, ''))) {
    throw notAllowed(rawPath, "it leaves the connector's API");
  }
  return url;
}
