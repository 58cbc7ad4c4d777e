import { github, hubspot, stripe, zendesk } from '@plugboard/catalog';
import { parseSpec } from '@plugboard/openapi';
import { variableUsageIssues } from '@plugboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressPolicy } from '../egress/index.js';
import { startLoopbackApi } from '../test/agent-fixtures.js';
import { draftFromCatalogSpec, withCatalogAuth } from './catalog-spec.js';
import { draftFromSpec } from './draft.js';

// The provider's published spec, as many are: every operation, but silent about auth.
const published = {
  openapi: '3.0.3',
  info: { title: 'CRM API', version: '3' },
  servers: [{ url: 'https://api.hubapi.com' }],
  paths: {
    ...Object.fromEntries(
      Array.from({ length: 40 }, (_, n) => [`/crm/v3/objects/thing${n}`, { get: { operationId: `listThing${n}` } }]),
    ),
    '/crm/v3/objects/contacts': { get: { operationId: 'getPage' }, post: { operationId: 'create' } },
  },
};

let api: Awaited<ReturnType<typeof startLoopbackApi>>;
beforeAll(async () => {
  api = await startLoopbackApi();
  api.serve('/crm.json', 'application/json', JSON.stringify(published));
});
afterAll(() => api.close());

describe('a catalog match built from the provider’s published spec', () => {
  it('holds every operation of the spec, with the catalog’s name, auth methods and verify action', async () => {
    const policy = createEgressPolicy({ allowHosts: [api.host] });
    const provider = { ...hubspot, openApiUrl: `${api.url}/crm.json` };
    const built = await draftFromCatalogSpec(policy, provider, () => {});
    expect(built?.specUrl).toBe(`${api.url}/crm.json`);
    const draft = built?.draft;
    expect(draft?.actions).toHaveLength(42);
    expect(draft?.name).toBe('HubSpot');
    expect(draft?.authMethods.map((method) => method.kind)).toEqual(hubspot.authMethods.map((method) => method.kind));
    expect(draft?.actions.filter((action) => action.verify).map((action) => [action.method, action.path])).toEqual([
      ['GET', '/crm/v3/objects/contacts'],
    ]);
    expect(draft?.apiBaseUrl).toBe('https://api.hubapi.com');
  });

  it('proposes the catalog’s webhook signature on every webhook event of the spec', async () => {
    api.serve(
      '/payments.json',
      'application/json',
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'Payments', version: '1' },
        servers: [{ url: 'https://api.stripe.com' }],
        paths: { '/v1/balance': { get: { operationId: 'GetBalance' } } },
        webhooks: {
          'charge.succeeded': { post: { requestBody: { content: { 'application/json': { schema: {} } } } } },
          'customer.created': { post: {} },
        },
      }),
    );
    const policy = createEgressPolicy({ allowHosts: [api.host] });
    const built = await draftFromCatalogSpec(policy, { ...stripe, openApiUrl: `${api.url}/payments.json` }, () => {});
    expect(built?.draft?.events.map((event) => [event.key, event.delivery])).toEqual([
      ['charge.succeeded', { kind: 'webhook', signature: stripe.webhookSignature }],
      ['customer.created', { kind: 'webhook', signature: stripe.webhookSignature }],
    ]);
    expect(stripe.webhookSignature).toMatchObject({ header: 'Stripe-Signature', scheme: 'timestamped' });
  });

  it('keeps a per-customer host as a connection variable, with the catalog’s label and hint', async () => {
    api.serve(
      '/zendesk.json',
      'application/json',
      JSON.stringify({
        ...published,
        servers: [{ url: 'https://{subdomain}.zendesk.com', variables: { subdomain: { default: 'example' } } }],
      }),
    );
    const policy = createEgressPolicy({ allowHosts: [api.host] });
    const built = await draftFromCatalogSpec(policy, { ...zendesk, openApiUrl: `${api.url}/zendesk.json` }, () => {});
    const draft = built?.draft;
    expect(draft?.apiBaseUrl).toBe(zendesk.apiBaseUrl);
    expect(draft?.variables).toEqual([
      {
        name: 'subdomain',
        label: 'Subdomain',
        example: 'acme',
        description: 'The account subdomain, the part before .zendesk.com',
      },
    ]);
    expect(draft && variableUsageIssues(draft, draft.variables ?? [])).toEqual([]);
  });

  it('falls back to the catalog entry when the spec cannot be fetched, saying why', async () => {
    const notes: string[] = [];
    const provider = { ...hubspot, openApiUrl: 'http://169.254.169.254/openapi.json' };
    const built = await draftFromCatalogSpec(createEgressPolicy(), provider, (_, message) => notes.push(message));
    expect(built).toBeUndefined();
    expect(notes.at(-1)).toContain('using the catalog entry');
    expect(api.seen.filter((request) => request.url.includes('169.254'))).toEqual([]);
  });
});

describe('a spec that declares no security', () => {
  it('gets the auth methods of the catalog provider its base URL names', async () => {
    const spec = await parseSpec({
      openapi: '3.0.3',
      info: { title: 'GitHub v3 REST API', version: '1' },
      servers: [{ url: 'https://api.github.com' }],
      paths: { '/user': { get: { operationId: 'users/get-authenticated' } } },
    });
    const built = draftFromSpec(spec);
    expect(built.draft?.authMethods.map((method) => method.kind)).toEqual(['none']);
    expect(withCatalogAuth(built).draft?.authMethods.map((method) => method.kind)).toEqual(
      github.authMethods.map((method) => method.kind),
    );
  });

  it('gets the provider’s webhook signature on its webhooks, keeping the auth it declares', async () => {
    const spec = await parseSpec({
      openapi: '3.1.0',
      info: { title: 'GitHub webhooks', version: '1' },
      servers: [{ url: 'https://api.github.com' }],
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
      security: [{ token: [] }],
      paths: { '/user': { get: { operationId: 'users/get-authenticated' } } },
      webhooks: { push: { post: {} } },
    });
    const draft = withCatalogAuth(draftFromSpec(spec)).draft;
    expect(draft?.events.map((event) => event.delivery)).toEqual([
      {
        kind: 'webhook',
        signature: { header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
      },
    ]);
    expect(draft?.authMethods.map((method) => method.kind)).toEqual(['bearer']);
  });
});
