// A client program written against the types openapi-typescript generates from /v1/openapi.json. It is not
// part of the server's own type-check: src/http/openapi-client.test.ts generates `./schema.js` beside a copy of
// it in a temporary folder, type-checks the two together, then runs `clientCalls` against a real server.
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

type Connector = components['schemas']['Connector'];

/** What the calls saw, for the test to check. */
export interface ClientCallsResult {
  created: Pick<Connector, 'slug' | 'name'>;
  listed: string[];
  missing: { status: number; code: string | undefined };
  invalid: { status: number; code: string | undefined; paths: string[] };
  sessionConnectors: string[];
}

/** Calls real routes with a secret key and a connect session through the generated types. */
export async function clientCalls(baseUrl: string, secretKey: string, origin: string): Promise<ClientCallsResult> {
  const admin = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${secretKey}` } });

  const created = await admin.POST('/v1/connectors', {
    body: { name: 'Acme CRM', slug: 'acme-crm', authMethods: [{ kind: 'apiKey' }] },
  });
  if (!created.data) throw new Error(`Not created: ${JSON.stringify(created.error)}`);

  const listed = await admin.GET('/v1/connectors', { params: { query: { scope: 'own', limit: 10 } } });
  const missing = await admin.GET('/v1/connectors/{idOrSlug}', { params: { path: { idOrSlug: 'nothing-here' } } });
  const invalid = await admin.POST('/v1/connect-sessions', {
    // @ts-expect-error: the generated type knows ttlSeconds is a number
    body: { tenantId: 'tenant-a', endUserId: 'user-1', ttlSeconds: 'long' },
  });

  const minted = await admin.POST('/v1/connect-sessions', { body: { tenantId: 'tenant-a', endUserId: 'user-1' } });
  if (!minted.data) throw new Error(`No session: ${JSON.stringify(minted.error)}`);
  const session = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${minted.data.token}`, origin } });
  const cards = await session.GET('/v1/session/connectors');

  return {
    created: { slug: created.data.slug, name: created.data.name },
    listed: (listed.data?.data ?? []).map((connector) => connector.slug),
    missing: { status: missing.response.status, code: missing.error?.error.code },
    invalid: {
      status: invalid.response.status,
      code: invalid.error?.error.code,
      paths: (invalid.error?.error.details?.issues ?? []).map((issue) => issue.path),
    },
    sessionConnectors: (cards.data?.data ?? []).map((card) => card.slug),
  };
}

/** Never called: each line is a mistake the generated types must catch, or the type-check fails. */
export function mistakes(client: ReturnType<typeof createClient<paths>>) {
  // @ts-expect-error: no such route
  void client.GET('/v1/no-such-route');
  // @ts-expect-error: the path parameter is required
  void client.GET('/v1/connections/{id}', {});
  // @ts-expect-error: GET /v1/connectors answers a page, not a connector
  void client.GET('/v1/connectors').then(({ data }) => data?.slug);
}
