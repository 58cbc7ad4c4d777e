import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';
import { createTestContext, ORIGIN, type TestContext } from './test/context.js';
import { type JsonSchema, urlFieldsOf } from './test/url-fields.js';

// Strings that `new URL()` refuses: a refinement that parses them without a guard answers 500.
const UNPARSEABLE_URLS = [
  'x',
  'http://',
  '//host/',
  'http://127.0.0.1:65536/',
  'http://[fe80::1%25lo]/',
  'http://a:80:80/',
  'http://exa mple.com/',
  'https://[::1/',
  'http://%zz/',
  '',
];

interface Operation {
  security: Record<string, string[]>[];
  requestBody?: { content: { 'application/json'?: { schema: JsonSchema } } };
}

let t: TestContext;
let server: RunningServer;
let credentials: Record<'secretKey' | 'consoleSession' | 'sessionToken', Record<string, string>>;

beforeAll(async () => {
  t = await createTestContext();
  server = await startServer(t.app, { port: 0 });
  const { organization, secretKey } = await t.createOrganization();
  await t.createConsoleMember(organization.id);
  const { console: signedIn } = await t.signIn();
  const sessionToken = await t.mintSession(secretKey);
  credentials = {
    secretKey: { authorization: `Bearer ${secretKey}` },
    consoleSession: { cookie: signedIn.cookie, 'x-plugboard-csrf': signedIn.csrfToken ?? '' },
    sessionToken: { authorization: `Bearer ${sessionToken}`, origin: ORIGIN },
  };
});
afterAll(async () => {
  await server.close();
  await t.close();
});

/** Every (route, URL field) pair of the published API, read from its OpenAPI document over HTTP. */
async function urlTargets() {
  const document = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as JsonSchema & {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => {
      const schema = operation.requestBody?.content['application/json']?.schema;
      return (schema ? urlFieldsOf(schema, document) : []).map((field) => ({
        route: `${method.toUpperCase()} ${path}`,
        url: `${server.url}${path.replace(/\{\w+\}/g, 'xyz_abc123')}`,
        method: method.toUpperCase(),
        // The caller the route accepts, so the request reaches validation.
        auth: Object.keys(operation.security[0] ?? {})[0],
        field,
      }));
    }),
  );
}

describe('URL fields of request bodies', () => {
  it('finds the URL fields of every body, nested and in unions', async () => {
    const found = (await urlTargets()).map(({ route, field }) => `${route} ${field.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'POST /v1/connectors apiBaseUrl',
        'PATCH /v1/connectors/{idOrSlug} apiBaseUrl',
        'POST /v1/connectors iconUrl',
        'POST /v1/connectors authMethods.0.authorizationUrl',
        'POST /v1/connectors authMethods.0.tokenUrl',
        'POST /v1/connectors authMethods.0.revocationUrl',
        'POST /v1/connectors authMethods.0.issuer',
        'PATCH /v1/connectors/{idOrSlug} authMethods.0.tokenUrl',
        'POST /v1/webhook-endpoints url',
        'POST /v1/agent/runs specUrl',
        'PATCH /v1/organization allowedOrigins.0',
        'POST /v1/connect-sessions allowedOrigins.0',
        'POST /v1/session/oauth/flows returnTo',
      ]),
    );
  });

  it('answers 400 validation_failed naming the field for every unparseable URL, never 500', async () => {
    const answers: string[] = [];
    const expected: string[] = [];
    for (const { route, url, method, auth, field } of await urlTargets()) {
      for (const bad of UNPARSEABLE_URLS) {
        const response = await fetch(url, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(auth ? credentials[auth as keyof typeof credentials] : {}),
          },
          body: JSON.stringify(field.bodyWith(bad)),
        });
        const body = (await response.json()) as { error: { code: string; details?: { issues?: { path: string }[] } } };
        const named = body.error.details?.issues?.some((issue) => issue.path === field.path) ?? false;
        answers.push(`${route} ${field.path} ${JSON.stringify(bad)}: ${response.status} ${body.error.code} ${named}`);
        expected.push(`${route} ${field.path} ${JSON.stringify(bad)}: 400 validation_failed true`);
      }
    }
    expect(answers).toEqual(expected);
    const connectors = await fetch(`${server.url}/v1/connectors`, { headers: credentials.secretKey });
    expect(((await connectors.json()) as { data: unknown[] }).data).toEqual([]);
  });
});
