import { buildConnectorDraft, parseSpec } from '@plugboard/openapi';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { startThirdParty } from '../test/third-party.js';

// Each operation is how a published API documents one serialization; the actions built from it must send
// what the spec prescribes, byte for byte where OpenAPI fixes the bytes.
const spec = {
  openapi: '3.0.3',
  info: { title: 'Wire', version: '1' },
  paths: {
    '/search': {
      get: {
        operationId: 'search',
        parameters: [
          { name: 'created', in: 'query', style: 'deepObject', explode: true, schema: { type: 'object' } },
          { name: 'expand', in: 'query', style: 'deepObject', explode: true, schema: { type: 'array' } },
          { name: 'ids', in: 'query', explode: false, schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'words', in: 'query', style: 'spaceDelimited', explode: false, schema: { type: 'array' } },
          { name: 'states', in: 'query', style: 'pipeDelimited', explode: false, schema: { type: 'array' } },
          { name: 'filter', in: 'query', schema: { type: 'object' } },
          { name: 'point', in: 'query', explode: false, schema: { type: 'object' } },
          { name: 'page[size]', in: 'query', schema: { type: 'integer' } },
          { name: 'X-Fields', in: 'header', schema: { type: 'array', items: { type: 'string' } } },
        ],
      },
    },
    '/points/{simple}/{label}/{matrix}/{path}': {
      get: {
        operationId: 'point',
        parameters: [
          { name: 'simple', in: 'path', required: true, schema: { type: 'array' } },
          { name: 'label', in: 'path', required: true, style: 'label', explode: true, schema: { type: 'array' } },
          { name: 'matrix', in: 'path', required: true, style: 'matrix', explode: true, schema: { type: 'object' } },
          { name: 'path', in: 'path', required: true, schema: { type: 'string' } },
        ],
      },
    },
    '/charges': {
      post: {
        operationId: 'createCharge',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                properties: {
                  amount: { type: 'integer' },
                  limit: { type: 'string' },
                  metadata: { type: 'object', additionalProperties: { type: 'string' } },
                  expand: { type: 'array', items: { type: 'string' } },
                  ids: { type: 'array', items: { type: 'string' } },
                  items: { type: 'array', items: { type: 'object' } },
                },
              },
              encoding: {
                expand: { style: 'deepObject', explode: true },
                items: { style: 'deepObject', explode: true },
              },
            },
          },
        },
      },
    },
    '/files': {
      post: {
        operationId: 'upload',
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  purpose: { type: 'string' },
                  file: { type: 'string', format: 'binary' },
                  meta: { type: 'object' },
                  labels: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
    '/notes': {
      post: {
        operationId: 'createNote',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { limit: { type: 'integer' }, text: { type: 'string' } } },
            },
          },
        },
      },
    },
  },
};

let api: Awaited<ReturnType<typeof startThirdParty>>;
let t: TestContext;
let key: string;
let connectionId: string;
beforeAll(async () => {
  api = await startThirdParty();
});
afterAll(() => api.close());
beforeEach(async () => {
  api.seen.length = 0;
  t = await createTestContext({ egressAllowHosts: [new URL(api.url).host] });
  key = (await t.createOrganization()).secretKey;
  const draft = buildConnectorDraft(await parseSpec(spec), { name: 'Wire' });
  await t.createConnector(key, { ...draft.connector, apiBaseUrl: `${api.url}/v1`, authMethods: [{ kind: 'none' }] });
  const created = await t.request('POST', '/v1/session/connections', {
    key: await t.mintSession(key),
    body: { connector: 'wire', credentials: {} },
  });
  expect(created.status, created.text).toBe(201);
  connectionId = created.json.id;
});
afterEach(() => t.close());

async function sent(action: string, input: Record<string, unknown>) {
  const response = await t.request('POST', '/v1/actions/run', { key, body: { connectionId, action, input } });
  expect(response.status, response.text).toBe(200);
  const request = api.seen.at(-1);
  if (!request) throw new Error('nothing reached the API');
  return request;
}

describe('actions built from a spec send the request its encodings prescribe', () => {
  it.each([
    ['deepObject objects as name[key]=', { created: { gte: 1, lt: 5 } }, 'created[gte]=1&created[lt]=5'],
    ['deepObject arrays as name[]=', { expand: ['customer', 'invoice'] }, 'expand[]=customer&expand[]=invoice'],
    ['form arrays, not exploded, joined by commas', { ids: [1, 2, 3] }, 'ids=1,2,3'],
    ['form arrays, exploded (the default), repeated', { tags: ['a b', 'c'] }, 'tags=a%20b&tags=c'],
    ['spaceDelimited arrays joined by %20', { words: ['x', 'y'] }, 'words=x%20y'],
    ['pipeDelimited arrays joined by |', { states: ['open', 'closed'] }, 'states=open|closed'],
    ['form objects, exploded, as their own pairs', { filter: { color: 'red', size: 'L' } }, 'color=red&size=L'],
    ['form objects, not exploded, as key,value lists', { point: { x: 1, y: 2 } }, 'point=x,1,y,2'],
    ['a name with brackets under its own name', { page_size: 20 }, 'page[size]=20'],
  ])('sends query %s', async (_, input, query) => {
    const request = await sent('search', input);
    expect(request.url).toBe(`/v1/search?${query}`);
  });

  it('sends a header array in simple style', async () => {
    const request = await sent('search', { 'X-Fields': ['id', 'name'] });
    expect(request.headers['x-fields']).toBe('id,name');
  });

  it('fills path parameters in simple, label and matrix style, and keeps a parameter named path', async () => {
    const request = await sent('point', {
      simple: ['a', 'b'],
      label: ['x', 'y'],
      matrix: { r: 1, g: 2 },
      path: 'README.md',
    });
    expect(request.url).toBe('/v1/points/a,b/.x.y/;r=1;g=2/README.md');
  });

  it('sends a form body with nested objects as a[b]=, deepObject arrays as a[]=, and keeps a field named like a query parameter', async () => {
    const request = await sent('create-charge', {
      amount: 2000,
      limit: 5,
      body_limit: 'all',
      metadata: { order: '7 & 8' },
      expand: ['customer'],
      ids: ['i1', 'i2'],
      items: [{ price: 'p1', quantity: 2 }],
    });
    expect(request.url).toBe('/v1/charges?limit=5');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.body).toBe(
      'amount=2000&limit=all&metadata[order]=7%20%26%208&expand[]=customer&ids=i1&ids=i2&items[0][price]=p1&items[0][quantity]=2',
    );
  });

  it('sends a multipart body: one part per field, objects as JSON parts, binary fields as file parts', async () => {
    const request = await sent('upload', { purpose: 'avatar', file: 'PNGDATA', meta: { a: 1 }, labels: ['x', 'y'] });
    const contentType = request.headers['content-type'] ?? '';
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(request.body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('purpose')).toBe('avatar');
    expect(form.getAll('labels')).toEqual(['x', 'y']);
    expect(form.get('meta')).toBe('{"a":1}');
    expect(request.body).toContain('name="meta"\r\nContent-Type: application/json\r\n');
    const file = form.get('file') as File;
    expect([file.name, await file.text()]).toEqual(['file', 'PNGDATA']);
  });

  it('sends a JSON body field and a query parameter that share a name, each where it belongs', async () => {
    const request = await sent('create-note', { limit: 3, body_limit: 9, text: 'hi' });
    expect(request.url).toBe('/v1/notes?limit=3');
    expect(JSON.parse(request.body)).toEqual({ limit: 9, text: 'hi' });
  });
});
