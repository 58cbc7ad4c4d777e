// Seeds what the HTTP benchmarks call, through Plugboard's own API as a vendor would: connectors made with the
// secret key, connections made through a connect session as the widget makes them.

/**
 * Sends one JSON request to a running Plugboard and returns the parsed answer; anything but a 2xx throws.
 * @param {string} url the server's base URL
 * @param {string} token a secret key or a session token
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 */
export async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Creates a connector taking an API key in `X-API-Key`, whose actions go to `apiBaseUrl`.
 * @param {string} url
 * @param {string} secretKey
 * @param {{ name: string, apiBaseUrl?: string, actions?: unknown[], description?: string }} connector
 * @returns {Promise<{ id: string, slug: string }>}
 */
export function createApiKeyConnector(url, secretKey, connector) {
  return api(url, secretKey, 'POST', '/v1/connectors', {
    authMethods: [{ kind: 'apiKey', name: 'X-API-Key' }],
    ...connector,
  });
}

/**
 * Mints a connect session for `tenantId` and returns its token.
 * @param {string} url
 * @param {string} secretKey
 * @param {string} tenantId
 * @returns {Promise<string>}
 */
export async function mintSession(url, secretKey, tenantId) {
  const session = await api(url, secretKey, 'POST', '/v1/connect-sessions', {
    tenantId,
    endUserId: `user-${tenantId}`,
  });
  return session.token;
}

/**
 * Connects `connector` for the session's tenant with an API key, as the widget's form does.
 * @param {string} url
 * @param {string} sessionToken
 * @param {string} connector its id or slug
 * @param {string} apiKey
 * @returns {Promise<{ id: string }>}
 */
export function connectWithApiKey(url, sessionToken, connector, apiKey) {
  return api(url, sessionToken, 'POST', '/v1/session/connections', { connector, credentials: { apiKey } });
}
