import { describe, expect, it, vi } from 'vitest';
import { buildConnectorDraft, isSpecError, parseSpec, SpecErrorCode, SpecWarningCode } from './index.js';
import { openapi } from './test/fixtures.js';

const petSchema = { type: 'object', properties: { name: { type: 'string' }, owner: { $ref: 'people.yaml#/Person' } } };

describe('parseSpec', () => {
  it('reads JSON text, YAML text and objects into the same shape', async () => {
    const document = openapi({ paths: { '/pets': { get: { operationId: 'listPets' } } } });
    const fromObject = await parseSpec(document);
    const fromJson = await parseSpec(JSON.stringify(document));
    const fromYaml = await parseSpec(
      `openapi: 3.1.0\ninfo: { title: Edge API, version: '1' }\nservers: [{ url: 'https://api.edge.test' }]\npaths:\n  /pets:\n    get:\n      operationId: listPets\n`,
    );
    for (const spec of [fromObject, fromJson, fromYaml]) {
      expect(spec.version).toBe('3.1');
      expect(spec.operations.map((operation) => [operation.method, operation.path, operation.operationId])).toEqual([
        ['get', '/pets', 'listPets'],
      ]);
    }
  });

  it('tells 3.0, 3.1 and 2.0 apart and refuses other versions with a stable code', async () => {
    expect((await parseSpec(openapi({}, '3.0.3'))).version).toBe('3.0');
    expect((await parseSpec(openapi({}, '3.1.1'))).version).toBe('3.1');
    expect((await parseSpec({ swagger: '2.0', info: { title: 'x' }, paths: {} })).version).toBe('2.0');
    const error = await parseSpec({ swagger: '1.2' }).catch((caught: unknown) => caught);
    expect(isSpecError(error) && error.code).toBe(SpecErrorCode.UnsupportedVersion);
  });

  it('reads YAML with merge keys and repeated keys, the last one winning', async () => {
    const spec = await parseSpec(
      'openapi: 3.0.0\ninfo: { title: First, version: "1" }\ninfo: { title: Second, version: "1" }\npaths:\n  /a:\n    get: &op { summary: Shared }\n  /b:\n    get: { <<: *op, operationId: getB }\n',
    );
    expect(spec.info.title).toBe('Second');
    expect(spec.operations.map((operation) => [operation.path, operation.summary, operation.operationId])).toEqual([
      ['/a', 'Shared', undefined],
      ['/b', 'Shared', 'getB'],
    ]);
  });

  it('refuses YAML whose aliases stand for billions of nodes, and reads one that reuses a block many times', async () => {
    let laughs = 'openapi: 3.0.0\ninfo: { title: T, version: "1" }\nx-0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 1; level < 9; level++) laughs += `x-${level}: &a${level} [${Array(10).fill(`*a${level - 1}`)}]\n`;
    const error = await parseSpec(`${laughs}paths: {}\n`).catch((caught: unknown) => caught);
    expect(isSpecError(error) && [error.code, error.message]).toEqual([
      SpecErrorCode.InvalidDocument,
      expect.stringContaining('aliases expand it past'),
    ]);
    const paths = Array.from({ length: 300 }, (_, n) => `  /r${n}:\n    get: { responses: *shared }\n`).join('');
    const reused = await parseSpec(
      `openapi: 3.0.0\ninfo: { title: T, version: "1" }\nx-shared: &shared\n  "200": { description: OK, content: { application/json: { schema: { type: object, properties: { a: { type: string }, b: { type: object, properties: { c: { type: integer } } } } } } } }\npaths:\n${paths}`,
    );
    expect(reused.operations).toHaveLength(300);
  });

  it('refuses text that is neither JSON nor YAML with invalid_document', async () => {
    const error = await parseSpec('openapi: [unclosed').catch((caught: unknown) => caught);
    expect(isSpecError(error) && error.code).toBe(SpecErrorCode.InvalidDocument);
    const scalar = await parseSpec('just a string').catch((caught: unknown) => caught);
    expect(isSpecError(scalar) && scalar.code).toBe(SpecErrorCode.InvalidDocument);
  });

  it('resolves remote refs through fetchRef, relative to the document that holds them, fetching each once', async () => {
    const documents: Record<string, unknown> = {
      'https://specs.test/schemas/pet.json': JSON.stringify(petSchema),
      'https://specs.test/schemas/people.yaml':
        'Person:\n  type: object\n  properties:\n    email: { type: string, format: email }\n',
    };
    const fetchRef = vi.fn(async (url: string) => documents[url] ?? Promise.reject(new Error('404')));
    const document = openapi({
      paths: {
        '/pets': {
          post: {
            operationId: 'createPet',
            requestBody: { content: { 'application/json': { schema: { $ref: 'schemas/pet.json' } } } },
          },
        },
      },
    });
    const cache = new Map<string, Promise<unknown>>();
    const spec = await parseSpec(document, { url: 'https://specs.test/openapi.json', fetchRef, cache });
    await parseSpec(document, { url: 'https://specs.test/openapi.json', fetchRef, cache });
    expect(fetchRef.mock.calls.map(([url]) => url).sort()).toEqual([
      'https://specs.test/schemas/people.yaml',
      'https://specs.test/schemas/pet.json',
    ]);
    const draft = buildConnectorDraft(spec);
    expect(draft.actions[0]?.action.input?.properties).toEqual({
      name: { type: 'string', 'x-in': 'body' },
      owner: { type: 'object', properties: { email: { type: 'string', format: 'email' } }, 'x-in': 'body' },
    });
    expect(draft.warnings).toEqual([]);
  });

  it('warns instead of failing when a remote ref cannot be fetched, or nothing can fetch it', async () => {
    const document = openapi({
      components: { schemas: { Pet: { $ref: 'https://specs.test/missing.json#/Pet' } } },
    });
    const failing = await parseSpec(document, { fetchRef: async () => Promise.reject(new Error('egress_blocked')) });
    expect(failing.warnings).toEqual([
      {
        code: SpecWarningCode.UnresolvedRef,
        message: 'Could not fetch https://specs.test/missing.json: egress_blocked',
      },
    ]);
    const offline = await parseSpec(document);
    expect(offline.warnings[0]?.message).toBe('https://specs.test/missing.json is remote and no fetchRef was given');
  });

  it('follows remote refs that point to each other without fetching in circles', async () => {
    const documents: Record<string, unknown> = {
      'https://specs.test/a.json': { A: { type: 'object', properties: { b: { $ref: 'b.json#/B' } } } },
      'https://specs.test/b.json': { B: { type: 'object', properties: { a: { $ref: 'a.json#/A' } } } },
    };
    const fetchRef = vi.fn(async (url: string) => documents[url]);
    const spec = await parseSpec(
      openapi({
        paths: {
          '/a': { post: { requestBody: { content: { 'application/json': { schema: { $ref: 'a.json#/A' } } } } } },
        },
      }),
      { url: 'https://specs.test/openapi.json', fetchRef },
    );
    expect(fetchRef).toHaveBeenCalledTimes(2);
    const draft = buildConnectorDraft(spec);
    expect(draft.actions[0]?.action.input?.properties?.b).toEqual({
      type: 'object',
      properties: { a: { $comment: 'circular: A' } },
      'x-in': 'body',
    });
  });
});
