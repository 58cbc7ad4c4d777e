import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test/context.js';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

describe('health and documents', () => {
  it('answers /healthz', async () => {
    expect((await t.request('GET', '/healthz')).json).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 while the database answers', async () => {
    const response = await t.request('GET', '/readyz');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ready' });
  });

  it('answers /readyz with 503 not_ready once the database stops answering, while /healthz stays 200', async () => {
    await t.store.close();
    const response = await t.request('GET', '/readyz');
    expect(response.status).toBe(503);
    expect(response.json.error.code).toBe('not_ready');
    expect(response.text).not.toContain(t.databaseUrl);
    expect((await t.request('GET', '/healthz')).status).toBe(200);
  });

  it('answers /readyz with 503 not_ready once another release has migrated the database further', async () => {
    await t.databaseExec(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from a newer release', '2030-01-01')",
    );
    const response = await t.request('GET', '/readyz');
    expect([response.status, response.json.error.code]).toEqual([503, 'not_ready']);
  });

  it('publishes an OpenAPI 3.1 document listing every route', async () => {
    const { json } = await t.request('GET', '/v1/openapi.json');
    expect(json.openapi).toBe('3.1.0');
    expect(Object.keys(json.paths)).toEqual(
      expect.arrayContaining([
        '/v1/organization',
        '/v1/members',
        '/v1/api-keys',
        '/v1/api-keys/{id}',
        '/v1/connectors',
        '/v1/connectors/{idOrSlug}',
        '/v1/connections',
        '/v1/connections/{id}',
        '/v1/tenants',
        '/v1/connect-sessions',
        '/v1/session',
        '/v1/session/connectors',
        '/v1/session/connections',
        '/v1/session/connections/{id}',
        '/v1/connections/{id}/test',
        '/v1/console/sign-in',
        '/v1/console/me',
        '/v1/console/sign-out',
        '/v1/console/test-session',
      ]),
    );
    expect(json.paths['/v1/connectors'].get.security).toEqual([{ secretKey: [] }, { consoleSession: [] }]);
    expect(json.paths['/v1/connections/{id}/credentials'].get.security).toEqual([{ secretKey: [] }]);
    expect(json.paths['/v1/console/me'].get.security).toEqual([{ consoleSession: [] }]);
    expect(json.components.securitySchemes.consoleSession).toMatchObject({ in: 'cookie', name: 'plugboard_console' });
    const create = json.paths['/v1/connectors'].post;
    expect(create.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ConnectorCreate');
    expect(json.components.schemas.ConnectorCreate.properties.authMethods).toBeDefined();
    expect(create.responses['201']).toBeDefined();
    expect(json.components.schemas.Error).toBeDefined();
  });
});

describe('unknown routes and methods', () => {
  it('gives 404 not_found as JSON for an unknown path', async () => {
    const response = await t.request('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('not_found');
  });

  it('gives 405 with Allow for a known path and a wrong method', async () => {
    const response = await t.request('PUT', '/v1/connectors');
    expect(response.status).toBe(405);
    expect(response.json.error.code).toBe('method_not_allowed');
    expect(response.headers.get('allow')).toContain('POST');
  });
});

describe('admin authentication', () => {
  it('refuses a request without a key', async () => {
    const response = await t.request('GET', '/v1/connectors');
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('unauthenticated');
  });

  it('refuses an unknown secret key', async () => {
    const response = await t.request('GET', '/v1/connectors', { key: 'pb_sk_unknown' });
    expect(response.status).toBe(401);
  });

  it('refuses a connect session token on admin routes', async () => {
    const { secretKey } = await t.createOrganization();
    const token = await t.mintSession(secretKey);
    const response = await t.request('GET', '/v1/connections', { key: token });
    expect(response.status).toBe(401);
    expect(response.json.error.message).toMatch(/secret key/);
  });
});

describe('odd input', () => {
  it('answers every odd request with a JSON 4xx and logs no unhandled error', async () => {
    const { secretKey } = await t.createOrganization();
    const token = await t.mintSession(secretKey);
    const json = { 'content-type': 'application/json' };
    const cases: [string, string, Parameters<TestContext['request']>[2]][] = [
      ['GET', '/v1/connectors/%E0%A4%A', { key: secretKey }],
      ['GET', '/v1/connectors/%00', { key: secretKey }],
      ['GET', `/v1/connectors?cursor=${'x'.repeat(5000)}`, { key: secretKey }],
      ['POST', '/v1/connectors', { key: secretKey, raw: 'null', headers: json }],
      ['POST', '/v1/connectors', { key: secretKey, raw: '[]', headers: json }],
      ['POST', '/v1/connectors', { key: secretKey, raw: '\xff\xfe', headers: json }],
      ['POST', '/v1/session/connections', { key: token, body: { connector: 'x', credentials: { a: 1 } } }],
      ['POST', '/v1/session/connections', { key: token, body: { connector: '__proto__', credentials: {} } }],
      ['POST', '/v1/session/connections', { key: token, raw: '{"connector":"a","__proto__":{"x":1}}', headers: json }],
      ['DELETE', '/v1/session/connections/%ZZ', { key: token }],
      ['PATCH', '/v1/connectors/missing', { key: secretKey, body: {} }],
      ['GET', '/v1/organization', { headers: { authorization: 'Bearer' } }],
      ['GET', '/v1/organization', { headers: { authorization: 'Basic abc' } }],
    ];
    for (const [method, path, options] of cases) {
      const response = await t.request(method, path, options);
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      expect(typeof response.json.error.code).toBe('string');
    }
    expect(t.logLines.filter((line) => line.includes('unhandled_error'))).toEqual([]);
  });
});
