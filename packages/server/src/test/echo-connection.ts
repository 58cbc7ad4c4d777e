// A connector of a loopback third party with one connection per tenant: what the call log and metrics tests call.
import type { TestContext } from './context.js';

/** The API key every echo connection holds: no log line, metric or call log entry may ever show it. */
export const ECHO_API_KEY = 'key_live_canary_4f1d9a7c2b';

/** Creates an organization with the `echo` connector pointing at `apiUrl`, and a connection for each tenant. */
export async function connectEchoTenants(t: TestContext, apiUrl: string, tenants: readonly string[]) {
  const { organization, secretKey: key } = await t.createOrganization();
  const connector = await t.createConnector(key, {
    name: 'Echo',
    slug: 'echo',
    apiBaseUrl: `${apiUrl}/v2`,
    authMethods: [{ kind: 'apiKey', name: 'X-Echo-Key' }],
    actions: [
      {
        key: 'get-thing',
        name: 'Get a thing',
        method: 'GET',
        path: '/things/{id}',
        input: {
          type: 'object',
          properties: { id: { type: 'string', 'x-in': 'path' }, q: { type: 'string', 'x-in': 'query' } },
          required: ['id'],
        },
      },
    ],
  });
  const connections: Record<string, string> = {};
  for (const tenantId of tenants) {
    const token = await t.mintSession(key, { tenantId });
    const created = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'echo', credentials: { apiKey: ECHO_API_KEY } },
    });
    if (created.status !== 201) throw new Error(`Connection not created: ${created.text}`);
    connections[tenantId] = created.json.id as string;
  }
  return { key, organizationId: organization.id, connectorId: connector.id as string, connections };
}
