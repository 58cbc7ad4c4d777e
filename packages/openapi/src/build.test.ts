import { connectorCreateSchema } from '@plugboard/shared';
import { describe, expect, it } from 'vitest';
import { buildConnectorDraft, MAX_ACTIONS, parseSpec, SpecWarningCode, selectActions } from './index.js';
import { openapi } from './test/fixtures.js';

async function draftOf(
  parts: Record<string, unknown>,
  options: Parameters<typeof buildConnectorDraft>[1] = {},
  version?: string,
) {
  return buildConnectorDraft(await parseSpec(openapi(parts, version)), options);
}

function valid(draft: Awaited<ReturnType<typeof draftOf>>) {
  const result = connectorCreateSchema.safeParse(draft.connector);
  expect(result.error?.issues ?? []).toEqual([]);
}

describe('buildConnectorDraft: circular and deep refs', () => {
  it('cuts a schema that contains itself, directly or through another, and reports it once', async () => {
    const draft = await draftOf({
      components: {
        schemas: {
          Node: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
            },
          },
          A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
          B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
        },
      },
      paths: {
        '/nodes': {
          post: {
            operationId: 'createNode',
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
          },
        },
        '/nodes/{id}': {
          put: {
            operationId: 'replaceNode',
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
          },
        },
        '/a': {
          post: {
            operationId: 'createA',
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } },
          },
        },
      },
    });
    valid(draft);
    expect(draft.actions[0]?.action.input?.properties?.children).toEqual({
      type: 'array',
      items: { $comment: 'circular: Node' },
      'x-in': 'body',
    });
    expect(draft.actions[2]?.action.input?.properties?.b).toEqual({
      type: 'object',
      properties: { a: { $comment: 'circular: A' } },
      'x-in': 'body',
    });
    const cuts = draft.warnings.filter((warning) => warning.code === SpecWarningCode.SchemaCut);
    expect(cuts.map((warning) => warning.message)).toEqual([
      'root:#/components/schemas/Node is circular: inputs show it once and stop there',
      'root:#/components/schemas/A is circular: inputs show it once and stop there',
    ]);
  });

  it('resolves a ref chain that loops on itself to an empty schema instead of spinning', async () => {
    const draft = await draftOf({
      components: {
        schemas: { Loop1: { $ref: '#/components/schemas/Loop2' }, Loop2: { $ref: '#/components/schemas/Loop1' } },
      },
      paths: {
        '/loop': { get: { parameters: [{ name: 'q', in: 'query', schema: { $ref: '#/components/schemas/Loop1' } }] } },
      },
    });
    expect(draft.actions[0]?.action.input?.properties?.q).toEqual({ 'x-in': 'query' });
    expect(draft.warnings).toContainEqual({
      code: SpecWarningCode.UnresolvedRef,
      message: 'root:#/components/schemas/Loop1 refers to itself',
    });
  });

  it('stops a 5,000-deep chain of refs without blowing the stack', async () => {
    const schemas: Record<string, unknown> = {};
    for (let n = 0; n < 5_000; n += 1) {
      schemas[`M${n}`] = { type: 'object', properties: { next: { $ref: `#/components/schemas/M${n + 1}` } } };
    }
    const draft = await draftOf({
      components: { schemas },
      paths: {
        '/deep': {
          post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/M0' } } } } },
        },
      },
    });
    valid(draft);
    expect(JSON.stringify(draft.connector.actions[0])).toContain('cut: schema too large or too deep');
  });

  it('survives a document whose objects contain themselves (YAML aliases)', async () => {
    const spec = await parseSpec(
      'openapi: 3.0.0\ninfo: { title: T, version: "1" }\npaths:\n  /x:\n    get:\n      parameters:\n        - name: q\n          in: query\n          schema: &s { type: object, properties: { self: *s } }\n',
    );
    const draft = buildConnectorDraft(spec);
    expect(draft.actions[0]?.action.input?.properties?.q).toMatchObject({ type: 'object', 'x-in': 'query' });
  });
});

describe('buildConnectorDraft: actions', () => {
  it('keys operations without an operationId by method and path, unique and stable', async () => {
    const draft = await draftOf({
      paths: {
        '/users/{userId}/repos': { get: {}, post: { operationId: 'Create Repo!' } },
        '/users/{userId}/repos/': { get: {} },
        '/2fa': { post: { operationId: '2fa-enable' } },
        '/': { get: { summary: 'API root.' } },
      },
    });
    valid(draft);
    expect(draft.actions.map(({ action }) => [action.key, action.name])).toEqual([
      ['get-users-user-id-repos', 'GET /users/{userId}/repos'],
      ['create-repo', 'Create repo!'],
      ['get-users-user-id-repos-2', 'GET /users/{userId}/repos/'],
      ['post-2fa-enable', '2fa enable'],
      ['get', 'API root'],
    ]);
    expect(draft.actions[0]?.action.input).toEqual({
      type: 'object',
      properties: { userId: { type: 'string', 'x-in': 'path' } },
      required: ['userId'],
    });
  });

  it('merges path, query and header parameters and body fields, marking each with x-in', async () => {
    const draft = await draftOf({
      components: {
        parameters: {
          Limit: { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 }, description: 'Page size' },
        },
        schemas: { Base: { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true } } } },
      },
      paths: {
        '/contacts/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          patch: {
            operationId: 'updateContact',
            summary: 'Update a contact',
            description: 'Changes the given fields.',
            tags: ['contacts'],
            parameters: [
              { $ref: '#/components/parameters/Limit' },
              { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
              { name: 'Authorization', in: 'header', schema: { type: 'string' } },
              { name: 'session', in: 'cookie', schema: { type: 'string' } },
              { name: 'filter[name]', in: 'query', schema: { type: 'string' } },
            ],
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: {
                    allOf: [
                      { $ref: '#/components/schemas/Base' },
                      {
                        type: 'object',
                        required: ['email'],
                        properties: { email: { type: 'string', format: 'email' }, limit: { type: 'string' } },
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      },
    });
    valid(draft);
    expect(draft.actions[0]?.action).toEqual({
      key: 'update-contact',
      name: 'Update a contact',
      description: 'Changes the given fields.',
      method: 'PATCH',
      path: '/contacts/{id}',
      input: {
        type: 'object',
        properties: {
          id: { type: 'string', 'x-in': 'path' },
          limit: { type: 'integer', maximum: 100, description: 'Page size', 'x-in': 'query' },
          'X-Trace': { type: 'string', 'x-in': 'header' },
          filter_name: { type: 'string', 'x-in': 'query', 'x-name': 'filter[name]' },
          email: { type: 'string', format: 'email', 'x-in': 'body' },
          body_limit: { type: 'string', 'x-in': 'body', 'x-name': 'limit' },
        },
        required: ['id', 'email'],
      },
    });
    expect(draft.warnings.map((warning) => warning.message)).toEqual([
      'cookie parameter "session" left out: cookie parameters are not supported',
    ]);
  });

  it('keeps a path parameter whose name an input property cannot hold, renaming its placeholder', async () => {
    const draft = await draftOf({
      paths: {
        '/items/{item.id}': { get: { parameters: [{ name: 'item.id', in: 'path', required: true }] } },
        '/files/{path}': {
          get: { parameters: [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }] },
        },
      },
    });
    valid(draft);
    expect(draft.actions.map(({ action }) => [action.path, action.input?.properties])).toEqual([
      ['/items/{item_id}', { item_id: { 'x-in': 'path', 'x-name': 'item.id' } }],
      ['/files/{path}', { path: { type: 'string', 'x-in': 'path' } }],
    ]);
  });

  it('skips operations an action cannot express, with a warning that points at them', async () => {
    const draft = await draftOf({
      paths: {
        '/things': { head: {}, options: {}, get: { operationId: 'listThings' } },
        '/search?q': { get: {} },
        '/bulk': {
          post: {
            requestBody: { content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } },
          },
        },
      },
    });
    valid(draft);
    expect(draft.actions.map(({ action }) => action.key)).toEqual(['list-things', 'post-bulk']);
    expect(draft.warnings.map(({ code, pointer }) => [code, pointer])).toEqual([
      [SpecWarningCode.OperationSkipped, '#/paths/~1things/options'],
      [SpecWarningCode.OperationSkipped, '#/paths/~1things/head'],
      [SpecWarningCode.OperationSkipped, '#/paths/~1search?q/get'],
      [SpecWarningCode.BodyChanged, '#/paths/~1bulk/post'],
    ]);
  });

  it('keeps tags for picking groups, and selects by tag, key or deprecation', async () => {
    const draft = await draftOf({
      tags: [{ name: 'deals', description: 'Sales deals' }, { name: 'contacts' }],
      paths: {
        '/contacts': { get: { operationId: 'listContacts', tags: ['contacts'] } },
        '/deals': { get: { operationId: 'listDeals', tags: ['deals'], deprecated: true } },
        '/ping': { get: { operationId: 'ping' } },
      },
    });
    expect(draft.groups).toEqual([
      { name: 'deals', source: 'tag', description: 'Sales deals', actionKeys: ['list-deals'] },
      { name: 'contacts', source: 'tag', actionKeys: ['list-contacts'] },
      { name: 'ping', source: 'path', actionKeys: ['ping'] },
    ]);
    expect(draft.ungrouped).toEqual([]);
    expect(selectActions(draft, { tags: ['contacts'] }).actions.map((action) => action.key)).toEqual(['list-contacts']);
    expect(selectActions(draft, { tags: ['deals'], keys: ['ping'] }).actions.map((action) => action.key)).toEqual([
      'list-deals',
      'ping',
    ]);
    expect(selectActions(draft, { includeDeprecated: false }).actions.map((action) => action.key)).toEqual([
      'list-contacts',
      'ping',
    ]);
  });

  it('keeps all 1,500 operations of a large spec in the connector body, grouped by tag, else by first path segment', async () => {
    const paths = Object.fromEntries(
      Array.from({ length: 1500 }, (_, n) => [
        `/v1/${n % 2 ? 'charges' : 'customers'}/r${n}`,
        { get: n < 100 ? { tags: ['tagged'] } : {} },
      ]),
    );
    const draft = await draftOf({ paths: { ...paths, '/': { get: { operationId: 'root' } } } });
    valid(draft);
    expect(draft.connector.actions).toHaveLength(1501);
    expect(draft.warnings.map((warning) => warning.code)).not.toContain(SpecWarningCode.Truncated);
    expect(draft.groups.map((group) => [group.name, group.source, group.actionKeys.length])).toEqual([
      ['tagged', 'tag', 100],
      ['customers', 'path', 700],
      ['charges', 'path', 700],
    ]);
    expect(draft.ungrouped).toEqual(['root']);
  });

  it(`keeps at most ${MAX_ACTIONS} actions in the connector body and says so`, async () => {
    const paths = Object.fromEntries(
      Array.from({ length: MAX_ACTIONS + 50 }, (_, n) => [`/r${n}`, { get: { tags: [n < 50 ? 'small' : 'big'] } }]),
    );
    const draft = await draftOf({ paths });
    valid(draft);
    expect(draft.actions).toHaveLength(MAX_ACTIONS + 50);
    expect(draft.connector.actions).toHaveLength(MAX_ACTIONS);
    expect(draft.warnings.at(-1)?.code).toBe(SpecWarningCode.Truncated);
    expect(selectActions(draft, { tags: ['small'] }).actions).toHaveLength(50);
  });

  it("proposes the signature check a webhook's signature header describes, and none without one", async () => {
    const signed = (parameters: unknown[]) => ({ post: { parameters } });
    const draft = await draftOf(
      {
        webhooks: {
          hex: signed([
            { name: 'X-Hub-Signature-256', in: 'header', example: 'sha256=6dcb09b5', schema: { type: 'string' } },
          ]),
          b64: signed([{ name: 'X-Shop-Signature', in: 'header', description: 'Base64 HMAC-SHA256 of the body' }]),
          none: signed([{ name: 'X-Request-Id', in: 'header' }]),
        },
      },
      {},
      '3.1.0',
    );
    valid(draft);
    expect(draft.connector.events.map((event) => event.delivery)).toEqual([
      {
        kind: 'webhook',
        signature: { header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
      },
      { kind: 'webhook', signature: { header: 'X-Shop-Signature', algorithm: 'sha256', encoding: 'base64' } },
      { kind: 'webhook' },
    ]);
  });

  it('keeps every webhook as an event named by its key, the summary in its description', async () => {
    const webhooks = Object.fromEntries(
      Array.from({ length: 300 }, (_, n) => [
        `pull-request-${n}`,
        { post: { summary: 'This event occurs when there is activity on pull requests.', description: `Kind ${n}.` } },
      ]),
    );
    const draft = await draftOf({ webhooks }, {}, '3.1.0');
    valid(draft);
    expect(draft.events).toHaveLength(300);
    expect(draft.connector.events).toHaveLength(300);
    expect(draft.connector.events[0]).toMatchObject({
      key: 'pull-request-0',
      name: 'Pull request 0',
      description: 'This event occurs when there is activity on pull requests.\n\nKind 0.',
    });
  });
});

describe('buildConnectorDraft: servers', () => {
  const servers = [
    {
      url: 'https://{region}.api.example.com/{version}/',
      variables: { region: { default: 'eu', enum: ['eu', 'us'] }, version: { default: 'v2' } },
    },
    { url: '/sandbox' },
  ];

  it('turns a host each customer has their own of into a connector variable the end user fills in', async () => {
    const shop = await draftOf({
      servers: [
        {
          url: 'https://{shop}.myshopify.com/admin/api/{version}',
          variables: {
            shop: { default: 'your-shop', description: "The shop's subdomain" },
            version: { default: '2024-01' },
          },
        },
      ],
    });
    valid(shop);
    expect(shop.connector).toMatchObject({
      apiBaseUrl: 'https://{shop}.myshopify.com/admin/api/2024-01',
      domain: 'myshopify.com',
      variables: [{ name: 'shop', label: 'Shop', example: 'acme', description: "The shop's subdomain" }],
    });
    expect(shop.warnings.filter((warning) => warning.code === SpecWarningCode.ServerUnresolved)).toEqual([]);

    const atlassian = await draftOf({
      servers: [
        { url: 'https://{your-domain}.atlassian.net', variables: { 'your-domain': { default: 'your-domain' } } },
      ],
    });
    valid(atlassian);
    expect(atlassian.connector).toMatchObject({
      apiBaseUrl: 'https://{your-domain}.atlassian.net',
      domain: 'atlassian.net',
      variables: [{ name: 'your-domain', label: 'Your domain', example: 'acme' }],
    });

    const given = await draftOf(
      {
        servers: [{ url: 'https://{shop}.myshopify.com/admin/api/2024-01', variables: { shop: { default: 'demo' } } }],
      },
      { server: { variables: { shop: 'acme' } } },
    );
    expect(given.connector.apiBaseUrl).toBe('https://acme.myshopify.com/admin/api/2024-01');
    expect(given.connector.variables).toBeUndefined();
  });

  it('fills server variables with their defaults, or the values given', async () => {
    expect((await draftOf({ servers })).connector.apiBaseUrl).toBe('https://eu.api.example.com/v2');
    const us = await draftOf({ servers }, { server: { variables: { region: 'us' } } });
    expect(us.connector).toMatchObject({ apiBaseUrl: 'https://us.api.example.com/v2', domain: 'us.api.example.com' });
    expect(us.servers).toEqual(['https://eu.api.example.com/v2']);
  });

  it('resolves a relative server against where the spec was loaded, and warns without one', async () => {
    const spec = await parseSpec(openapi({ servers }), { url: 'https://docs.example.com/specs/openapi.json' });
    const draft = buildConnectorDraft(spec, { server: { index: 1 } });
    expect(draft.connector.apiBaseUrl).toBe('https://docs.example.com/sandbox');
    const offline = await draftOf({ servers }, { server: { index: 1 } });
    valid(offline);
    expect(offline.connector.apiBaseUrl).toBeUndefined();
    expect(offline.warnings[0]).toMatchObject({ code: SpecWarningCode.ServerUnresolved, pointer: '#/servers/1' });
  });

  it('asks each end user for a variable the spec gives no value, and takes one given', async () => {
    const tenant = [{ url: 'https://{tenant}.example.com/api' }];
    const unfilled = await draftOf({ servers: tenant });
    valid(unfilled);
    expect(unfilled.connector.apiBaseUrl).toBe('https://{tenant}.example.com/api');
    expect(unfilled.connector.variables).toEqual([{ name: 'tenant', label: 'Tenant', example: 'acme' }]);
    const filled = await draftOf({ servers: tenant }, { server: { variables: { tenant: 'acme' } } });
    expect(filled.connector.apiBaseUrl).toBe('https://acme.example.com/api');
  });

  it('sends actions where the spec is when it names no servers', async () => {
    const spec = await parseSpec(
      { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: {} },
      { url: 'https://api.example.com/docs/openapi.json' },
    );
    const draft = buildConnectorDraft(spec);
    expect(draft.connector.apiBaseUrl).toBe('https://api.example.com');
    expect(draft.warnings[0]?.message).toBe(
      'The spec names no servers: actions go to https://api.example.com, where the spec is',
    );
  });

  it('builds a Swagger 2 base URL from schemes, host and basePath, preferring https', async () => {
    const spec = await parseSpec({
      swagger: '2.0',
      info: { title: 'Old API', version: '1' },
      schemes: ['http', 'https'],
      host: 'old.example.org',
      basePath: '/api/',
      paths: {},
    });
    expect(buildConnectorDraft(spec).connector.apiBaseUrl).toBe('https://old.example.org/api');
  });
});

describe('buildConnectorDraft: auth methods', () => {
  it('maps OAuth 2.0, API keys, basic and bearer, defaulting to the scheme the spec requires', async () => {
    const draft = await draftOf({
      security: [{ oauth: ['contacts.read'] }],
      components: {
        securitySchemes: {
          key: { type: 'apiKey', in: 'query', name: 'api_key' },
          basic: { type: 'http', scheme: 'Basic' },
          token: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          oauth: {
            type: 'oauth2',
            flows: {
              clientCredentials: { tokenUrl: '/oauth/token', scopes: {} },
              authorizationCode: {
                authorizationUrl: '/oauth/authorize',
                tokenUrl: '/oauth/token',
                scopes: { 'contacts.read': 'Read', 'contacts.write': 'Write' },
              },
            },
          },
          digest: { type: 'http', scheme: 'digest' },
          oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'sid' },
        },
      },
    });
    valid(draft);
    expect(draft.connector.authMethods).toEqual([
      {
        kind: 'oauth2',
        label: 'Oauth',
        authorizationUrl: 'https://api.edge.test/oauth/authorize',
        tokenUrl: 'https://api.edge.test/oauth/token',
        scopes: ['contacts.read', 'contacts.write'],
        scopeSeparator: ' ',
        isDefault: true,
      },
      { kind: 'apiKey', label: 'Key', in: 'query', name: 'api_key' },
      { kind: 'basic', label: 'Basic' },
      { kind: 'bearer', label: 'Token' },
    ]);
    expect(draft.warnings.map((warning) => warning.pointer)).toEqual([
      '#/components/securitySchemes/digest',
      '#/components/securitySchemes/oidc',
      '#/components/securitySchemes/cookie',
    ]);
  });

  it('defaults to bearer over basic, and reads an API key in the Authorization header as a bearer token', async () => {
    const both = await draftOf({
      components: {
        securitySchemes: { basic: { type: 'http', scheme: 'basic' }, token: { type: 'http', scheme: 'bearer' } },
      },
    });
    expect(both.connector.authMethods.map((method) => [method.kind, method.isDefault ?? false])).toEqual([
      ['bearer', true],
      ['basic', false],
    ]);
    const key = await draftOf({
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'authorization' } } },
    });
    expect(key.connector.authMethods).toEqual([{ kind: 'bearer', label: 'Key', isDefault: true }]);
  });

  it('records the scopes each operation needs on its action and offers them all, 183 of them, on the OAuth method', async () => {
    const scopes = Object.fromEntries(Array.from({ length: 183 }, (_, n) => [`scope:${n}`, `Scope ${n}`]));
    const oauth = {
      type: 'oauth2',
      flows: { authorizationCode: { authorizationUrl: '/authorize', tokenUrl: '/token', scopes } },
    };
    const draft = await draftOf({
      security: [{ oauth: ['scope:0'] }],
      components: { securitySchemes: { oauth } },
      paths: {
        '/repos': {
          get: { operationId: 'listRepos' },
          post: { operationId: 'createRepo', security: [{ oauth: ['repo', 'scope:1'] }, {}] },
        },
      },
    });
    valid(draft);
    expect(draft.connector.actions.map((action) => [action.key, action.scopes])).toEqual([
      ['list-repos', ['scope:0']],
      ['create-repo', ['repo', 'scope:1']],
    ]);
    const method = draft.connector.authMethods[0];
    expect(method?.kind === 'oauth2' && method.scopes).toHaveLength(184);
    expect(draft.warnings.map((warning) => warning.code)).not.toContain(SpecWarningCode.Truncated);
  });

  it('falls back to no authentication so the draft stays valid', async () => {
    const open = await draftOf({});
    expect(open.connector.authMethods).toEqual([{ kind: 'none', isDefault: true }]);
    const unsupported = await draftOf({ components: { securitySchemes: { oidc: { type: 'openIdConnect' } } } });
    valid(unsupported);
    expect(unsupported.warnings.at(-1)?.message).toBe('No supported security scheme: the draft uses no authentication');
  });
});

describe('buildConnectorDraft: events', () => {
  it('turns 3.1 webhooks into webhook events with their payload schema', async () => {
    const draft = await draftOf({
      components: { schemas: { Deal: { type: 'object', properties: { id: { type: 'string' } } } } },
      webhooks: {
        'deal.created': {
          post: {
            summary: 'Deal created',
            description: 'Sent when a deal is created.',
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Deal' } } } },
          },
        },
        dealDeleted: { post: {} },
      },
    });
    valid(draft);
    expect(draft.connector.events).toEqual([
      {
        key: 'deal.created',
        name: 'Deal created',
        description: 'Sent when a deal is created.',
        payload: { type: 'object', properties: { id: { type: 'string' } } },
        delivery: { kind: 'webhook' },
      },
      { key: 'deal-deleted', name: 'Deal deleted', description: '', delivery: { kind: 'webhook' } },
    ]);
  });

  it('turns 3.0 callbacks into events, once per callback however many operations register it', async () => {
    const callbacks = {
      onStatus: {
        '{$request.body#/callbackUrl}': {
          post: {
            requestBody: {
              content: {
                'application/json': { schema: { type: 'object', properties: { status: { type: 'string' } } } },
              },
            },
          },
        },
      },
    };
    const draft = await draftOf(
      {
        paths: {
          '/jobs': { post: { operationId: 'createJob', callbacks } },
          '/exports': { post: { operationId: 'createExport', callbacks } },
        },
      },
      {},
      '3.0.3',
    );
    valid(draft);
    expect(draft.connector.events).toEqual([
      {
        key: 'on-status',
        name: 'On status',
        description: 'Sent to the URL given to POST /jobs ({$request.body#/callbackUrl}).',
        payload: { type: 'object', properties: { status: { type: 'string' } } },
        delivery: { kind: 'webhook' },
      },
    ]);
  });
});
