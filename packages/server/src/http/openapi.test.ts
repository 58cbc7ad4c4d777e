import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ErrorCode } from '@plugboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { contractCheck } from '../test/openapi-contract.js';
import { buildOpenApiDocument } from './openapi.js';

const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const config = fileURLToPath(new URL('../../redocly.yaml', import.meta.url));
const serverDoc = fileURLToPath(new URL('../../../../docs/server.md', import.meta.url));
const TABLE = /(<!-- operations:start -->\n)[\s\S]*?(<!-- operations:end -->)/;

let t: TestContext;
let folder: string;
beforeAll(async () => {
  t = await createTestContext({ publicUrl: 'https://plugboard.vendor.example' });
  folder = await mkdtemp(join(tmpdir(), 'plugboard-openapi-'));
});
afterAll(async () => {
  await t.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the published OpenAPI document', () => {
  it('passes redocly lint with the recommended rules: no error, no warning', async () => {
    const file = join(folder, 'openapi.json');
    await writeFile(file, (await t.request('GET', '/v1/openapi.json')).text);
    const result = await promisify(execFile)(
      process.execPath,
      [cli, 'lint', file, '--config', config, '--format', 'json'],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };
    const problems = report.problems.map(
      ({ ruleId, message, location }) => `${ruleId}: ${message} at ${location[0]?.pointer}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  type Operation = {
    operationId: string;
    summary: string;
    description: string;
    responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
  };
  type Schema = {
    $ref?: string;
    allOf?: [Schema, { properties: { error: { properties: { code: { enum: string[] } } } } }];
  };
  const operations = async () => {
    const document = (await t.request('GET', '/v1/openapi.json')).json as {
      paths: Record<string, Record<string, Operation>>;
    };
    return Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        ...operation,
      })),
    );
  };
  const codesOf = (operation: Operation, status: string) =>
    operation.responses[status]?.content?.['application/json']?.schema.allOf?.[1].properties.error.properties.code.enum;

  it('names every operation with a unique camelCase operationId, a summary and a description', async () => {
    const all = await operations();
    expect(all.length).toBeGreaterThan(50);
    for (const operation of all) {
      expect(operation.operationId, operation.route).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(operation.summary, operation.route).not.toBe('');
      expect(operation.description?.length, operation.route).toBeGreaterThan(20);
    }
    expect(new Set(all.map((operation) => operation.operationId)).size).toBe(all.length);
  });

  it('describes every error status with the Error schema and the codes it can carry', async () => {
    const codes = new Set<string>(Object.values(ErrorCode));
    for (const operation of await operations()) {
      const errors = Object.keys(operation.responses).filter((status) => /^4\d\d$/.test(status));
      if (operation.route !== 'GET /connect') expect(errors.length, operation.route).toBeGreaterThan(0);
      expect(operation.responses['500']?.$ref).toBe('#/components/responses/InternalError');
      for (const status of errors) {
        const schema = operation.responses[status]?.content?.['application/json']?.schema;
        if (!schema) continue;
        expect(schema.allOf?.[0].$ref, `${operation.route} ${status}`).toBe('#/components/schemas/Error');
        const listed = codesOf(operation, status) ?? [];
        expect(listed.length, `${operation.route} ${status}`).toBeGreaterThan(0);
        for (const code of listed) expect(codes, `${operation.route} ${status}`).toContain(code);
      }
    }
  });

  it('derives the codes of authentication and input from each route, beside those its handler declares', async () => {
    const byRoute = new Map((await operations()).map((operation) => [operation.route, operation]));
    const credentials = byRoute.get('GET /v1/connections/{id}/credentials') as Operation;
    expect(codesOf(credentials, '401')).toEqual(['unauthenticated']);
    expect(codesOf(credentials, '403')).toEqual(['forbidden']);
    expect(codesOf(credentials, '404')).toEqual(['not_found']);
    expect(codesOf(credentials, '502')).toEqual(['egress_blocked', 'refresh_failed']);
    const connect = byRoute.get('POST /v1/session/connections') as Operation;
    expect(codesOf(connect, '401')).toEqual(['session_expired', 'unauthenticated']);
    expect(codesOf(connect, '403')).toEqual(expect.arrayContaining(['origin_not_allowed']));
    expect(codesOf(connect, '400')).toEqual(expect.arrayContaining(['invalid_json', 'validation_failed']));
    expect(codesOf(connect, '415')).toEqual(['unsupported_media_type']);
    expect(codesOf(byRoute.get('PATCH /v1/organization') as Operation, '403')).toEqual(['csrf_failed']);
    expect(codesOf(byRoute.get('POST /v1/mcp') as Operation, '401')).toEqual(['unauthenticated']);
  });

  it('names shared schemas as components, sets servers, and describes the HTML and streaming routes', async () => {
    const { json } = await t.request('GET', '/v1/openapi.json');
    expect(json.servers).toEqual([{ url: 'https://plugboard.vendor.example', description: 'This Plugboard server' }]);
    const list = json.paths['/v1/connectors'].get.responses['200'].content['application/json'].schema;
    expect(list.properties.data.items).toEqual({ $ref: '#/components/schemas/Connector' });
    expect(json.paths['/v1/connectors/{idOrSlug}'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Connector',
    });
    // A connector's fields are spelled out once, in its components, however many operations use it.
    expect(JSON.stringify(json.paths)).not.toContain('"authMethods"');
    expect(json.components.schemas.ConnectorCreate.properties.authMethods).toBeDefined();
    const callback = json.paths['/v1/oauth/callback'].get;
    expect(Object.keys(callback.responses['200'].content)).toEqual(['text/html']);
    expect(Object.keys(callback.responses['400'].content)).toEqual(['text/html']);
    expect(Object.keys(json.paths['/v1/agent/runs/{id}/events'].get.responses['200'].content)).toEqual([
      'text/event-stream',
    ]);
    expect(json.paths['/v1/mcp'].post).toMatchObject({ operationId: 'callMcp', tags: ['MCP'] });
  });

  it('describes an endpoint outside the routes, such as a wildcard proxy, with the same error treatment', () => {
    const document = buildOpenApiDocument([], {
      endpoints: [
        {
          path: '/v1/example/{path}',
          methods: ['get', 'put'],
          operationId: 'exampleProxy',
          summary: 'An example',
          description: 'An endpoint a sub-app serves',
          tag: 'Actions',
          security: [{ secretKey: [] }],
          responses: { 200: { description: 'The answer' } },
          errors: [ErrorCode.Unauthenticated, ErrorCode.UpstreamTimeout],
        },
      ],
    });
    const operations = document.paths['/v1/example/{path}'] as Record<string, Operation>;
    expect(Object.keys(operations)).toEqual(['get', 'put']);
    expect(operations.get?.operationId).toBe('exampleProxyGet');
    expect(operations.put?.operationId).toBe('exampleProxyPut');
    expect(codesOf(operations.put as Operation, '504')).toEqual(['upstream_timeout']);
    expect(codesOf(operations.get as Operation, '401')).toEqual(['unauthenticated']);
  });

  it('lets the server tests fail on an error answer its operation does not list', async () => {
    const check = contractCheck((await t.request('GET', '/v1/openapi.json')).json);
    const error = (code: string) => ({ error: { code, message: 'x' } });
    expect(() => check('GET', '/v1/connectors/abc', 404, error('not_found'))).not.toThrow();
    expect(() => check('POST', '/v1/connect-links/exchange', 410, error('link_expired'))).not.toThrow();
    expect(() => check('GET', '/v1/connectors/abc', 500, error('internal_error'))).not.toThrow();
    expect(() => check('GET', '/v1/connectors/abc', 409, error('slug_taken'))).toThrow(
      'GET /v1/connectors/{idOrSlug} answered 409 slug_taken, which its OpenAPI operation does not list',
    );
    expect(() => check('GET', '/v1/connectors/abc', 404, error('needs_reauth'))).toThrow(/does not list/);
  });

  it('lists every operation with its error codes in docs/server.md (PLUGBOARD_UPDATE_DOCS=1 rewrites the table)', async () => {
    const rows = (await operations()).map((operation) => {
      const errors = Object.keys(operation.responses)
        .filter((status) => /^[45]\d\d$/.test(status) && status !== '500')
        .map((status) => `${status} ${(codesOf(operation, status) ?? []).map((code) => `\`${code}\``).join(', ')}`);
      return `| \`${operation.operationId}\` | \`${operation.route}\` | ${errors.join('; ') || '(none)'} |`;
    });
    const table = [
      '| operationId | Route | Errors (status and codes; every operation also has 500 `internal_error`) |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n');
    const doc = await readFile(serverDoc, 'utf8');
    expect(doc).toMatch(TABLE);
    // Biome aligns the table's columns: compare cells, not padding.
    const cells = (text: string) => text.replace(/\s+/g, '').replace(/-+/g, '-');
    if (process.env.PLUGBOARD_UPDATE_DOCS) await writeFile(serverDoc, doc.replace(TABLE, `$1${table}\n$2`));
    else
      expect(cells(doc.match(TABLE)?.[0] ?? '')).toBe(
        cells(`<!-- operations:start -->\n${table}\n<!-- operations:end -->`),
      );
  });
});
