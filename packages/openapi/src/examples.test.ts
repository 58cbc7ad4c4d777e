import { connectorCreateSchema } from '@plugboard/shared';
import { describe, expect, it } from 'vitest';
import { buildConnectorDraft, parseSpec, SpecWarningCode } from './index.js';
import { example, examples, galaxy } from './test/fixtures.js';

const all = (['2.0', '3.0', '3.1'] as const).flatMap((version) => [
  ...examples(version, 'json'),
  ...examples(version, 'yaml'),
]);

describe('published example specs', () => {
  it.each(all)('builds %s into a draft that passes connectorCreateSchema', async (_, text) => {
    const draft = buildConnectorDraft(await parseSpec(text));
    const result = connectorCreateSchema.safeParse(draft.connector);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(['json', 'yaml'] as const)(
    'builds the Scalar Galaxy spec (%s) with every auth kind it can use',
    async (format) => {
      const draft = buildConnectorDraft(await parseSpec(galaxy(format)));
      expect(connectorCreateSchema.safeParse(draft.connector).success).toBe(true);
      expect(draft.connector.apiBaseUrl).toBe('https://galaxy.scalar.com');
      expect(draft.connector.authMethods.map((method) => method.kind)).toEqual(
        expect.arrayContaining(['bearer', 'basic', 'apiKey', 'oauth2']),
      );
      const oauth = draft.connector.authMethods.find((method) => method.kind === 'oauth2');
      expect(oauth).toMatchObject({
        authorizationUrl: 'https://galaxy.scalar.com/oauth/authorize',
        tokenUrl: 'https://galaxy.scalar.com/oauth/token',
        scopes: ['read:account', 'write:planets', 'read:planets'],
      });
      expect(draft.warnings).toContainEqual(
        expect.objectContaining({
          code: SpecWarningCode.UnsupportedAuth,
          pointer: '#/components/securitySchemes/apiKeyCookie',
        }),
      );
      expect(draft.connector.events.map((event) => event.key)).toEqual([
        'new-planet',
        'planet-created',
        'planet-creation-failed',
        'planet-exploded',
      ]);
      expect(draft.groups.map((group) => group.name)).toContain('Planets');
    },
  );

  it('reads the same Petstore from JSON and YAML', async () => {
    const json = buildConnectorDraft(await parseSpec(example('3.0/json/petstore.json')));
    const yaml = buildConnectorDraft(await parseSpec(example('3.0/yaml/petstore.yaml')));
    expect(yaml.connector).toEqual(json.connector);
  });

  it('builds Petstore 2.0 from schemes, host and basePath with form and body inputs', async () => {
    const spec = await parseSpec(example('2.0/json/petstore.json'));
    expect(spec.version).toBe('2.0');
    const draft = buildConnectorDraft(spec);
    expect(draft.connector.apiBaseUrl).toBe('http://petstore.swagger.io/v2');
    expect(draft.connector.authMethods).toEqual([
      { kind: 'apiKey', label: 'Api key', in: 'header', name: 'api_key', isDefault: true },
    ]);
    const getPet = draft.actions.find((entry) => entry.action.key === 'get-pet-by-id')?.action;
    expect(getPet).toMatchObject({
      name: 'Find pet by ID',
      description: 'Returns a single pet',
      method: 'GET',
      path: '/pet/{petId}',
      input: { properties: { petId: { type: 'integer', format: 'int64', 'x-in': 'path' } }, required: ['petId'] },
    });
    const addPet = draft.actions.find((entry) => entry.action.key === 'add-pet')?.action;
    expect(addPet?.input?.properties).toMatchObject({
      name: { 'x-in': 'body' },
      photoUrls: { type: 'array', 'x-in': 'body' },
    });
    expect(addPet?.input?.required).toEqual(['name', 'photoUrls']);
    const form = draft.actions.find((entry) => entry.action.key === 'update-pet-with-form')?.action;
    expect(form?.input?.properties).toMatchObject({ name: { 'x-in': 'body' }, status: { 'x-in': 'body' } });
    expect(draft.groups.map((group) => [group.name, group.actionKeys.length])).toEqual([
      ['pet', 8],
      ['store', 4],
      ['user', 8],
    ]);
  });

  it('builds Petstore 3.1 the same way as 3.0 where they agree', async () => {
    const v30 = buildConnectorDraft(await parseSpec(example('3.0/json/petstore.json')));
    const v31 = buildConnectorDraft(await parseSpec(example('3.1/json/petstore.json')));
    expect(v31.actions.map((entry) => entry.action.key)).toEqual(v30.actions.map((entry) => entry.action.key));
  });

  it('turns the Train Travel webhooks into events with payload schemas', async () => {
    const draft = buildConnectorDraft(await parseSpec(example('3.1/yaml/train-travel.yaml')));
    expect(draft.connector.events).toHaveLength(1);
    expect(draft.connector.events[0]).toMatchObject({ delivery: { kind: 'webhook' }, payload: expect.any(Object) });
    expect(draft.connector.authMethods[0]).toMatchObject({ kind: 'oauth2', isDefault: true });
  });
});
